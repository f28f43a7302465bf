import { execFile } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
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

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../bin/caseway.js');

/** The installed command, a process of its own: its exit code and output as a shell sees them. */
export async function casewayProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
