/**
 * Chromium's CPU for cold loads of /login (issue 22): starts the portal in a child process, then
 * opens N fresh browser contexts, each loading /login until its form is usable, and reads the CPU
 * the browser and its renderers used from this process's reaped-children counters (cutime and
 * cstime of /proc/self/stat, which include every descendant once it has exited). The same run with
 * about:blank gives the cost of a context alone, which is subtracted. Needs /usr/bin/chromium and a
 * built web app; not part of `npm run bench` (the browser tests' machine has Chromium, CI's bench may not).
 * PAGES_CPU_RUNS=N (default 20).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/fixtures.ts';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.PAGES_CPU_RUNS ?? 20);
const TICKS_PER_SECOND = 100;

function reapedChildrenCpuMs(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

async function browserCpu(url: string | null, baseUrl: string): Promise<number> {
  const before = reapedChildrenCpuMs();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    if (url) {
      await page.goto(url);
      await page.getByLabel('Email', { exact: true }).waitFor();
    }
    await context.close();
  }
  await browser.close();
  return reapedChildrenCpuMs() - before;
}

const port = 3920;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-pagescpu-'));
const server = spawn(process.execPath, [path.join(root, 'bin/caseway.js'), 'start'], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMITS: 'false', NODE_ENV: 'development', SMTP_URL: '' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const baseUrl = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('the portal did not start');
    if (await fetch(`${baseUrl}/login`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const blank = await browserCpu(null, baseUrl);
  const login = await browserCpu('/login', baseUrl);
  const perLoad = (login - blank) / RUNS;
  console.log(`Chromium CPU, ${RUNS} fresh contexts: /login ${Math.round(login)} ms, empty contexts ${Math.round(blank)} ms → ${Math.round(perLoad)} ms per cold /login load`);
} finally {
  // The database is removed only once the portal has closed it.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
