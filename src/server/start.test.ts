import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './test/spawned-portal.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/caseway.js');

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** Runs `caseway start` as `npm start` does and returns what it printed up to the ready line. */
async function startAndRead(env: Record<string, string>): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-start-'));
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, DATABASE_URL: '', SMTP_URL: '', PUBLIC_URL: '', LOG_LEVEL: 'info', DATA_DIR: dataDir, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stops.push(() => {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => /Caseway is ready/.test(printed) && (clearInterval(timer), resolve()), 50);
    child.once('exit', (code) => (clearInterval(timer), reject(new Error(`caseway start exited with ${code}:\n${printed}`))));
  });
  return printed;
}

describe('npm start', { timeout: 60_000 }, () => {
  it('prints, in lines a person reads, the full address to open and the development mailbox’s', async () => {
    const port = await freePort();
    const printed = await startAndRead({ NODE_ENV: 'development', PORT: String(port) });
    expect(printed).toContain(`open http://localhost:${port}/`);
    expect(printed).toContain(`development mailbox, http://localhost:${port}/dev/mailbox`);
    const readyLine = printed.split('\n').find((line) => line.includes('Caseway is ready'))!;
    expect(() => JSON.parse(readyLine)).toThrow();
    expect(readyLine).toMatch(/^\[\d\d:\d\d:\d\d\] INFO/);
  });

  it('logs JSON lines in production, naming PUBLIC_URL as the address to open', async () => {
    const port = await freePort();
    const printed = await startAndRead({ NODE_ENV: 'production', PORT: String(port), PUBLIC_URL: 'https://support.example.com', SMTP_URL: 'smtp://127.0.0.1:9' });
    const lines = printed.trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringContaining('open https://support.example.com/'));
    expect(printed).not.toContain('/dev/mailbox');
  });
});
