import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FolderStore } from './attachments/folder-store.ts';
import { backgroundJobs } from './background-jobs.ts';
import { openDatabase, type Db } from './db/database.ts';
import { DAY, HOUR } from './lib/clock.ts';
import { enqueueMail } from './lib/mail.ts';
import type { MailTransport } from './lib/mail-delivery.ts';
import { createTestDatabase, databaseKinds, seedAccount, seedPerson, testConfig, type TestDatabase } from './test/helpers.ts';

// Each "host" is a connection pool on one database, its jobs wired as startServer wires them; a host
// whose clock is wrong is this process with Date moved ahead (timers keep real time).
describe.each(databaseKinds)('background jobs on hosts whose clocks disagree (%s)', (kind) => {
  let database: TestDatabase;
  let otherHost: Db;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    otherHost = database.url ? openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : database.db;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-jobs-'));
  });
  afterEach(() => void vi.useRealTimers());
  afterAll(async () => {
    if (otherHost !== database.db) await otherHost.destroy();
    await database.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const runAhead = (ms: number) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + ms);
  };
  const job = (db: Db, name: string, transport?: MailTransport) =>
    backgroundJobs({ db, config: testConfig({ DATA_DIR: dataDir }), transport, store: new FolderStore(path.join(dataDir, 'attachments')), log: () => {} }).find((j) => j.name === name)!;
  const queue = (subject: string) =>
    enqueueMail(database.db, { to: 'hosts@example.com', language: 'en', now: Date.now(), content: { subject, greeting: 'Hello,', blocks: [] } });
  const recording = (sent: string[]): MailTransport => ({ sendMail: async (message) => void sent.push(message.subject) });

  it('a host whose clock runs an hour ahead does not take over a mail another host is still sending', async () => {
    await queue('Held by the first host');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const firstSending = new Promise<void>((resolve) => (sending = resolve));
    const first = job(database.db, 'mail', {
      sendMail: async () => {
        sending();
        await released;
      },
    }).run();
    await firstSending;

    runAhead(HOUR);
    const sentBySecond: string[] = [];
    await job(otherHost, 'mail', recording(sentBySecond)).run();
    vi.useRealTimers();
    release();
    await first;

    expect(sentBySecond).toEqual([]);
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', 'Held by the first host').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a mail queued on a host whose clock runs an hour ahead goes out at the next pass of any host', async () => {
    runAhead(HOUR);
    await queue('Queued ahead');
    vi.useRealTimers();
    const sent: string[] = [];
    await job(otherHost, 'mail', recording(sent)).run();
    expect(sent).toEqual(['Queued ahead']);
  });

  it('a host whose clock runs 30 days ahead neither closes a case resolved now nor removes a file staged or being uploaded now', async () => {
    const account = await seedAccount(database.db);
    const contact = await seedPerson(database.db, { accountId: account.id });
    const now = Date.now();
    const kase = await database.db
      .insertInto('cases')
      .values({ number: 'CS0000001', account_id: account.id, contact_id: contact.id, type: 'portal_issue', priority: 3, subject: 'Resolved now', description: '…', state: 'resolved', resolved_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const storedName = randomUUID();
    fs.mkdirSync(path.join(dataDir, 'attachments'), { recursive: true });
    const file = path.join(dataDir, 'attachments', storedName);
    fs.writeFileSync(file, 'staged now');
    await database.db
      .insertInto('attachments')
      .values({ case_id: null, uploaded_by: contact.id, original_name: 'now.log', stored_name: storedName, content_type: 'text/plain', size: 10, sha256: '0'.repeat(64), created_at: now })
      .execute();
    const uploading = path.join(dataDir, 'attachments', `${randomUUID()}.partial`);
    fs.writeFileSync(uploading, 'being written now');

    runAhead(30 * DAY);
    await job(otherHost, 'auto-close').run();
    await job(otherHost, 'staged-attachments').run();
    await job(otherHost, 'orphan-attachment-files').run();
    vi.useRealTimers();

    expect(await database.db.selectFrom('cases').select(['state', 'reminder_sent_at']).where('id', '=', kase.id).executeTakeFirstOrThrow()).toEqual({ state: 'resolved', reminder_sent_at: null });
    expect(await database.db.selectFrom('attachments').select('id').where('stored_name', '=', storedName).executeTakeFirst()).toBeDefined();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(uploading)).toBe(true);
  });
});
