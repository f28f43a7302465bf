import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../../bin/caseway.js');

export type SpawnedPortal = {
  /** http://127.0.0.1:port of the process. */
  base: string;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  child: ChildProcessWithoutNullStreams;
  /** SIGKILL, as a crash or a pulled plug. */
  kill: () => Promise<void>;
  /** SIGTERM, as systemd stops it, and waits for the exit. */
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `caseway start` as a process of its own (a host), on a free port, once it answers. */
export async function spawnPortal(env: Record<string, string>): Promise<SpawnedPortal> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, DATABASE_URL: '', SMTP_URL: '', PUBLIC_URL: '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const read = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const base = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (child.exitCode !== null) throw new Error(`caseway start exited (${child.exitCode}):\n${output}`);
    if (await fetch(`${base}/api/health`).then((answer) => answer.ok, () => false)) break;
    if (Date.now() - started > 60_000) throw new Error(`caseway start did not answer within 60 s:\n${output}`);
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  return { base, output: () => output, child, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** A browser stand-in over real HTTP: keeps cookies and sends the CSRF header, as the web app does. */
export class HttpSession {
  readonly cookies = new Map<string, string>();
  constructor(public base: string) {}

  async call(method: string, url: string, body?: object): Promise<Response> {
    if (method !== 'GET' && !this.cookies.has('caseway_csrf')) await this.call('GET', '/api/session');
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('caseway_csrf') ?? '';
    if (body) headers['content-type'] = 'application/json';
    const response = await fetch(this.base + url, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** A file sent as the browser's upload does: multipart, in the field "file". */
  async upload(url: string, name: string, content: Buffer | string): Promise<Response> {
    if (!this.cookies.has('caseway_csrf')) await this.call('GET', '/api/session');
    const form = new FormData();
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
    return fetch(this.base + url, {
      method: 'POST',
      headers: { cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'x-csrf-token': this.cookies.get('caseway_csrf') ?? '' },
      body: form,
    });
  }
}
