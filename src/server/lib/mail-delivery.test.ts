import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { createTestDatabase, databaseKinds, testClock, type TestDatabase } from '../test/helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../test/smtp.ts';
import { enqueueMail } from './mail.ts';
import { deliverDueMails } from './mail-delivery.ts';

describe.each(databaseKinds)('mail outbox delivery (%s)', (kind) => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  const clock = testClock();
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await database.cleanup();
  });

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  const from = '"Caseway (send-only)" <no-reply@caseway.test>';
  const queue = (to: string, subject: string, expiresAt?: number) =>
    enqueueMail(database.db, { to, language: 'en', now: clock(), expiresAt, content: { subject, greeting: 'Hello,', blocks: [{ kind: 'paragraph', text: subject }] } });

  it('sends a queued mail through SMTP with the outbox row’s stable Message-ID', async () => {
    await queue('first@example.com', 'First mail');
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(1);
    const received = await smtp.waitFor((m) => m.subject === 'First mail');
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', 'First mail').executeTakeFirstOrThrow();
    expect(row.state).toBe('sent');
    expect(received.messageId).toBe(row.message_id);
    expect(received.text).toContain('send-only');
    expect(received.html).toContain('<p>First mail</p>');
    expect(received.from?.text).toContain('send-only');
  });

  it('keeps a mail through an SMTP outage and retries it with growing delays', async () => {
    smtp.failing = true;
    await queue('outage@example.com', 'During the outage');
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(0);
    let row = await database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', 'During the outage').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: clock() + 2000 });
    expect(row.last_error).toMatch(/temporarily unavailable/);

    // Not due yet: nothing is tried.
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(0);
    expect((await database.db.selectFrom('mail_outbox').select('attempts').where('id', '=', row.id).executeTakeFirstOrThrow()).attempts).toBe(1);

    clock.advance(2000);
    await deliverDueMails({ db: database.db, transport: transport(), from, clock });
    row = await database.db.selectFrom('mail_outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 2, next_attempt_at: clock() + 4000 });

    smtp.failing = false;
    clock.advance(4000);
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(1);
    await smtp.waitFor((m) => m.subject === 'During the outage');
  });

  it('also survives an SMTP server that is not there at all', async () => {
    await queue('nobody-listening@example.com', 'No server');
    const deadTransport = nodemailer.createTransport({ host: '127.0.0.1', port: 1, secure: false, ignoreTLS: true, connectionTimeout: 1000 });
    expect(await deliverDueMails({ db: database.db, transport: deadTransport, from, clock })).toBe(0);
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', 'No server').executeTakeFirstOrThrow();
    expect(row.state).toBe('pending');
    clock.advance(2000);
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(1);
  });

  it('delivers each mail once when several processes deliver at the same time', async () => {
    const subjects = Array.from({ length: 30 }, (_, i) => `Concurrent ${i}`);
    for (const subject of subjects) await queue('many@example.com', subject);
    const sent = await Promise.all(Array.from({ length: 4 }, () => deliverDueMails({ db: database.db, transport: transport(), from, clock, batchSize: 50 })));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(30);
    for (const subject of subjects) expect(smtp.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('takes over a mail claimed by a process that died, once its lease ran out', async () => {
    await queue('orphan@example.com', 'Orphaned');
    const row = await database.db.selectFrom('mail_outbox').select('id').where('subject', '=', 'Orphaned').executeTakeFirstOrThrow();
    await database.db.updateTable('mail_outbox').set({ lease_owner: 'dead-process', lease_until: clock() + 60_000 }).where('id', '=', row.id).execute();
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(0);
    clock.advance(60_001);
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(1);
  });

  it('does not claim a mail whose retry was put off after it was read as due: the claim checks the due time again', async () => {
    await queue('claim@example.com', 'Read as due, first');
    await queue('claim@example.com', 'Read as due, second');
    // A second pool on the same database stands in for a second server process.
    const other = database.url ? openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : database.db;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const firstSending = new Promise<void>((resolve) => (sending = resolve));
    const sentByFirst: string[] = [];
    // The first process reads both mails as due, then is held up sending the first one…
    const first = deliverDueMails({
      db: database.db,
      from,
      clock,
      batchSize: 2,
      transport: {
        sendMail: async (message) => {
          sentByFirst.push(message.subject);
          sending();
          if (message.subject === 'Read as due, first') await released;
        },
      },
    });
    await firstSending;
    // …while the second process tries the second mail, fails and puts it off.
    const failing = { sendMail: () => Promise.reject(new Error('421 try again later')) };
    expect(await deliverDueMails({ db: other, transport: failing, from, clock })).toBe(0);
    const putOff = await database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', 'Read as due, second').executeTakeFirstOrThrow();
    expect(putOff).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: clock() + 2000, lease_until: null });

    release();
    expect(await first).toBe(1);
    expect(sentByFirst).toEqual(['Read as due, first']);
    expect(await database.db.selectFrom('mail_outbox').selectAll().where('id', '=', putOff.id).executeTakeFirstOrThrow()).toMatchObject({ state: 'pending', attempts: 1 });
    // It goes out when its retry is due.
    clock.advance(2000);
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(1);
    if (other !== database.db) await other.destroy();
  });

  it('does not send a one-time passcode mail late: it is dropped once expired', async () => {
    await queue('late@example.com', 'Expired passcode', clock() + 10 * 60_000);
    clock.advance(10 * 60_000 + 1);
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock })).toBe(0);
    const row = await database.db.selectFrom('mail_outbox').select('state').where('subject', '=', 'Expired passcode').executeTakeFirstOrThrow();
    expect(row.state).toBe('expired');
    expect(smtp.messages.some((m) => m.subject === 'Expired passcode')).toBe(false);
  });
});

// These run on the real clock: what they check is how long an SMTP exchange may really take.
describe.each(databaseKinds)('mail delivery against a slow SMTP server (%s)', (kind) => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await database.cleanup();
  });

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  const from = 'no-reply@caseway.test';
  const queue = (subject: string, expiresAt?: number) =>
    enqueueMail(database.db, { to: 'slow@example.com', language: 'en', now: Date.now(), expiresAt, content: { subject, greeting: 'Hello,', blocks: [{ kind: 'paragraph', text: subject }] } });
  const rowOf = (subject: string) => database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', subject).executeTakeFirstOrThrow();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('gives up on a passcode mail whose code expires before a slow server greets: never accepted, marked expired', async () => {
    smtp.greetingDelayMs = 2500;
    await queue('Passcode, slow server', Date.now() + 1000);
    const started = Date.now();
    expect(await deliverDueMails({ db: database.db, transport: transport(), from, clock: Date.now })).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await rowOf('Passcode, slow server')).state).toBe('expired');

    // Past the moment the server would have greeted and taken the message.
    await sleep(2000);
    expect(smtp.messages.some((m) => m.subject === 'Passcode, slow server')).toBe(false);
    expect((await rowOf('Passcode, slow server')).state).toBe('expired');
    smtp.greetingDelayMs = 0;
  });

  it('keeps its lease for as long as a slow send may run: another process delivering meanwhile does not send the mail again', async () => {
    smtp.greetingDelayMs = 2500;
    const connectionsBefore = smtp.connections;
    await queue('Slow send');
    // A second pool on the same database stands in for a second server process.
    const other = database.url ? openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : database.db;
    const leaseMs = 1000;
    let firstDone = false;
    const first = deliverDueMails({ db: database.db, transport: transport(), from, clock: Date.now, leaseMs }).finally(() => (firstDone = true));
    const started = Date.now();
    let sentByOther = 0;
    // The other process delivers every 50 ms while the first still sends, and past the first's lease.
    while (!firstDone || Date.now() - started < 1.5 * leaseMs) {
      sentByOther += await deliverDueMails({ db: other, transport: transport(), from, clock: Date.now, leaseMs });
      await sleep(50);
    }
    expect(await first).toBe(0);
    expect(sentByOther).toBe(0);
    expect(smtp.connections - connectionsBefore).toBe(1);
    expect(await rowOf('Slow send')).toMatchObject({ state: 'pending', attempts: 1 });
    await sleep(2500);
    expect(smtp.messages.filter((m) => m.subject === 'Slow send')).toHaveLength(0);
    if (other !== database.db) await other.destroy();
    smtp.greetingDelayMs = 0;
  });
});
