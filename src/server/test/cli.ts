import { Writable } from 'node:stream';
import { main } from '../cli.ts';

/** A `caseway` command as bin/caseway.js runs it, in this process: a new process costs seconds of tsx start-up. */
export async function casewayInProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const collect = () => {
    const chunks: string[] = [];
    return { chunks, stream: new Writable({ write: (chunk, _encoding, done) => done(void chunks.push(String(chunk))) }) };
  };
  const out = collect();
  const err = collect();
  const code = await main(args, { env, out: out.stream, err: err.stream });
  return { code, stdout: out.chunks.join(''), stderr: err.chunks.join('') };
}
