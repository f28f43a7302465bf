import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, seedAccount, seedPerson, type TestDatabase } from './test/helpers.ts';
import { startNginx } from './test/nginx.ts';
import { startSmtpServer, type TestSmtpServer } from './test/smtp.ts';
import { HttpSession, spawnPortal, type SpawnedPortal } from './test/spawned-portal.ts';

/**
 * Two hosts: two `caseway start` processes with their own DATA_DIR, one PostgreSQL database, one
 * bucket, behind Debian's nginx, as README's "Deploying" describes. Several hosts need PostgreSQL
 * (SQLite is one file on one host), so this runs when TEST_DATABASE_URL is set, as in CI.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('Caseway on two hosts behind nginx', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let s3: S3rver;
  let smtp: TestSmtpServer;
  const folders: string[] = [];
  let hostA: SpawnedPortal;
  let hostB: SpawnedPortal;
  let proxy: Awaited<ReturnType<typeof startNginx>>;
  let contact: { email: string; password: string };
  let agent: { email: string; password: string };

  const folder = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `caseway-${name}-`));
    folders.push(dir);
    return dir;
  };

  /** Password, then the e-mailed code, read from the mail the SMTP server received. */
  async function signIn(base: string, person: { email: string; password: string }) {
    const session = new HttpSession(base);
    const seen = smtp.messages.length;
    expect((await session.call('POST', '/api/auth/login', { email: person.email, password: person.password })).status).toBe(200);
    const mail = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= seen && [m.to].flat().some((to) => to?.text.includes(person.email)));
    const code = /^\s{4}(\d{6})$/m.exec(mail.text ?? '')![1]!;
    expect(await (await session.call('POST', '/api/auth/otp', { code })).json()).toMatchObject({ stage: 'active' });
    return session;
  }
  const sameBrowserOn = (session: HttpSession, base: string) => Object.assign(new HttpSession(base), { cookies: session.cookies });

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    smtp = await startSmtpServer();
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: folder('s3rver'), configureBuckets: [{ name: 'shared-files', configs: [] }] });
    const { port: s3Port } = (await s3.run()) as unknown as { port: number };
    const account = await seedAccount(database.db);
    contact = await seedPerson(database.db, { accountId: account.id });
    agent = await seedPerson(database.db, { kind: 'staff', roles: ['agent'] });
    const shared = {
      NODE_ENV: 'test',
      RATE_LIMITS: 'false',
      DATABASE_URL: database.url!,
      ATTACHMENTS_URL: 's3://shared-files/caseway',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      TRUST_PROXY_HOPS: '1',
    };
    [hostA, hostB] = await Promise.all([spawnPortal({ ...shared, DATA_DIR: folder('host-a') }), spawnPortal({ ...shared, DATA_DIR: folder('host-b') })]);
    proxy = await startNginx([hostA.base, hostB.base]);
  });
  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([hostA?.kill(), hostB?.kill()]);
    await s3?.close();
    await smtp?.close();
    await database?.cleanup();
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a session made on one host on the other', async () => {
    const onA = await signIn(hostA.base, contact);
    expect((await sameBrowserOn(onA, hostB.base).call('GET', '/api/me')).status).toBe(200);
  });

  it('downloads through one host a file uploaded through the other', async () => {
    const onA = await signIn(hostA.base, contact);
    const content = randomBytes(300_000);
    const staged = await onA.upload('/api/attachments', 'trace.bin', content);
    expect(staged.status).toBe(201);
    const download = await sameBrowserOn(onA, hostB.base).call('GET', `/api/attachments/${(await staged.json()).id}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
  });

  it('finds at once on one host an article published on the other', async () => {
    const onB = await signIn(hostB.base, agent);
    const created = await onB.call('POST', '/api/kb/articles', { title: 'Zebrafish dongle calibration', body: 'Hold the button for ten seconds.', language: 'en', visibility: 'customers', state: 'published' });
    expect(created.status).toBe(201);
    const onA = await signIn(hostA.base, contact);
    const found = await (await onA.call('GET', '/api/kb/search?q=zebrafish')).json();
    expect(found.items).toEqual([expect.objectContaining({ number: (await created.json()).number })]);
  });

  it('sends each mail once, though both hosts run the mail job', async () => {
    await expect.poll(async () => (await database.db.selectFrom('mail_outbox').select('id').where('state', '=', 'pending').execute()).length, { timeout: 30_000 }).toBe(0);
    const queued = await database.db.selectFrom('mail_outbox').select('message_id').execute();
    expect(queued.length).toBeGreaterThanOrEqual(4);
    for (const { message_id } of queued) expect(smtp.messages.filter((m) => m.messageId === message_id), message_id).toHaveLength(1);
  });

  it('loses no acknowledged request when a host is killed, and the other keeps serving', async () => {
    const browser = sameBrowserOn(await signIn(proxy.base, contact), proxy.base);
    const opened = await browser.call('POST', '/api/cases', { type: 'portal_issue', subject: 'Two hosts, one killed', description: 'Comments keep coming.' });
    expect(opened.status).toBe(201);
    const { number } = await opened.json();
    const acknowledged: string[] = [];
    const answers: number[] = [];
    for (let i = 0; i < 60; i++) {
      if (i === 20) void hostA.kill();
      const body = `comment ${i}`;
      const answer = await browser.call('POST', `/api/cases/${number}/comments`, { body }).catch(() => undefined);
      answers.push(answer?.status ?? 0);
      if (answer?.status === 200) acknowledged.push(body);
    }
    // Each comment the portal answered is stored; at most the requests in flight at the kill failed.
    const stored = (await database.db.selectFrom('case_activities').innerJoin('cases', 'cases.id', 'case_activities.case_id').select('case_activities.body').where('cases.number', '=', number).where('kind', '=', 'comment').execute()).map((row) => row.body);
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    expect(answers.filter((status) => status !== 200).length).toBeLessThanOrEqual(2);
    expect(answers.slice(-20).every((status) => status === 200)).toBe(true);
    expect((await browser.call('GET', '/api/cases')).status).toBe(200);
    expect(hostA.child.signalCode).toBe('SIGKILL');
  });
});
