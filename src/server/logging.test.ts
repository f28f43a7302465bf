import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from './test/smtp.ts';
import { HttpSession, spawnPortal, type SpawnedPortal } from './test/spawned-portal.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/caseway.js');

/**
 * ASVS 16.2.5 / 16.4.1: logs never hold a password, a code or a session token. The portal runs as
 * in production (JSON lines) at the most verbose level while a person signs in every way, and
 * everything it printed is searched for every secret the run used.
 */
describe('the production log', { timeout: 120_000 }, () => {
  let smtp: TestSmtpServer;
  let portal: SpawnedPortal;
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production', PUBLIC_URL: 'http://support.example.com', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, LOG_LEVEL: 'trace' });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-logs-'));
  });
  afterAll(async () => {
    await portal?.kill();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is JSON lines with request ids, and holds none of the passwords, codes and tokens used', async () => {
    const email = 'logs@vendor.example';
    const temporaryPassword = (await run(process.execPath, [bin, 'staff', 'create', '--email', email, '--first-name', 'Lou', '--last-name', 'Log', '--role', 'admin'], { env: { ...process.env, ...env() } })).stdout.trim();
    portal = await spawnPortal(env());
    const browser = new HttpSession(portal.base);
    const codes: string[] = [];
    const nextCode = async () => {
      const mail = await smtp.waitFor((m) => /passcode/.test(m.subject ?? '') && !codes.some((code) => m.text?.includes(code)));
      codes.push(/^\s{4}(\d{6})$/m.exec(mail.text ?? '')![1]!);
      return codes.at(-1)!;
    };

    const newPassword = 'quiet-harbour-lantern-73';
    const login = await browser.call('POST', '/api/auth/login', { email, password: temporaryPassword });
    expect(await login.json(), portal.output()).toMatchObject({ stage: 'email_code' });
    expect((await (await browser.call('POST', '/api/auth/otp', { code: await nextCode() })).json()).stage).toBe('change_password');
    expect((await browser.call('POST', '/api/auth/change-password', { currentPassword: temporaryPassword, newPassword, confirmPassword: newPassword })).status).toBe(200);
    const firstSession = [...browser.cookies.values()];
    await browser.call('POST', '/api/auth/logout');

    // A wrong password, a wrong code, then the right ones.
    const wrong = await browser.call('POST', '/api/auth/login', { email, password: 'wrong-password-9182' });
    expect(wrong.status).toBe(401);
    await browser.call('POST', '/api/auth/login', { email, password: newPassword });
    const wrongCode = await browser.call('POST', '/api/auth/otp', { code: '000000' });
    expect(await wrongCode.json()).toMatchObject({ messageKey: 'errors.codeWrong' });
    expect((await (await browser.call('POST', '/api/auth/otp', { code: await nextCode() })).json()).stage).toBe('terms');
    const { version } = await (await browser.call('GET', '/api/auth/terms')).json();
    expect((await (await browser.call('POST', '/api/auth/terms/accept', { version })).json()).stage).toBe('active');
    expect((await browser.call('GET', '/api/me')).status).toBe(200);
    const secondSession = [...browser.cookies.values()];
    await portal.stop();

    const printed = portal.output().trim().split('\n');
    const lines = printed.map((line) => JSON.parse(line) as { reqId?: string; msg: string });
    const requests = lines.filter((line) => line.msg === 'incoming request');
    expect(requests.length).toBeGreaterThan(8);
    expect(requests.every((line) => /^[0-9a-f-]{36}$/.test(line.reqId ?? ''))).toBe(true);
    const secrets = [temporaryPassword, newPassword, 'wrong-password-9182', ...codes, ...firstSession, ...secondSession];
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    for (const secret of secrets) expect(printed.filter((line) => line.includes(secret)), `a log line holds ${secret}`).toEqual([]);
  });
});
