import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, signIn, type TestContext } from '../test/helpers.ts';
import { runAutoClose } from './auto-close.job.ts';

/** Resolved cases written straight to the table, as many as a busy support desk has waiting. */
async function insertResolvedCases(db: Db, options: { accountId: number; contactId: number; prefix: string; count: number; resolvedAt: number; reminderSentAt: number | null }) {
  const rows = Array.from({ length: options.count }, (_, i) => ({
    number: `${options.prefix}${String(i).padStart(7, '0')}`,
    account_id: options.accountId,
    contact_id: options.contactId,
    type: 'portal_issue' as const,
    priority: 3,
    subject: `Waiting ${i}`,
    description: 'Resolved, waiting for the contact.',
    state: 'resolved' as const,
    resolved_at: options.resolvedAt,
    reminder_sent_at: options.reminderSentAt,
    created_at: options.resolvedAt - DAY,
    updated_at: options.resolvedAt,
  }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('cases').values(rows.slice(i, i + 100)).execute();
  return rows.map((row) => row.number);
}

const run = promisify(execFile);
const secondProcess = path.resolve(import.meta.dirname, '../test/auto-close-process.ts');

describe.each(databaseKinds)('the auto-close job (%s)', { timeout: 60_000 }, (kind) => {
  let ctx: TestContext;
  afterEach(() => ctx?.close());
  const pass = (now: number) => runAutoClose({ db: ctx.db, now, defaultAutoCloseDays: 10, publicUrl: 'http://portal.test' });
  const caseRow = (number: string) => ctx.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

  it('reminds a newer case although more than 500 older ones, reminded already, wait to close', async () => {
    ctx = await createTestApp(kind);
    const account = await seedAccount(ctx.db);
    const contact = await seedPerson(ctx.db, { accountId: account.id });
    const now = ctx.clock();
    await insertResolvedCases(ctx.db, { accountId: account.id, contactId: contact.id, prefix: 'RM', count: 520, resolvedAt: now - 7 * DAY, reminderSentAt: now - 2 * DAY });
    const [newer] = await insertResolvedCases(ctx.db, { accountId: account.id, contactId: contact.id, prefix: 'NW', count: 1, resolvedAt: now - 6 * DAY, reminderSentAt: null });

    expect(await pass(now)).toEqual({ reminded: 1, closed: 0 });
    expect((await caseRow(newer!)).reminder_sent_at).toBe(now);
    expect((await mailsTo(ctx.db, contact.email)).filter((m) => m.subject.includes(newer!))).toHaveLength(1);
  });

  it('does not close a case that was rejected and resolved again while the pass ran: the new resolution waits its own days', async () => {
    ctx = await createTestApp(kind);
    const account = await seedAccount(ctx.db);
    const contact = await seedPerson(ctx.db, { accountId: account.id });
    const agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    let [asContact, asAgent] = await Promise.all([signIn(ctx, contact), signIn(ctx, agent)]);

    const opened = await asContact.post('/api/cases', { type: 'portal_issue', subject: 'Raced', description: 'Closes or waits?' });
    expect(opened.statusCode, opened.body).toBe(201);
    const raced = opened.json().number as string;
    expect((await asAgent.post(`/api/cases/${raced}/propose-solution`, { solution: 'Try this.' })).statusCode).toBe(200);
    const firstResolution = ctx.clock();
    // Older cases, due to close before it: the pass is busy with them while the race runs.
    const others = await insertResolvedCases(ctx.db, { accountId: account.id, contactId: contact.id, prefix: 'OL', count: 400, resolvedAt: firstResolution - DAY, reminderSentAt: firstResolution - 5 * DAY });

    const now = firstResolution + 10 * DAY + 1;
    ctx.clock.set(now);
    // Ten days on, both sign in again.
    [asContact, asAgent] = await Promise.all([signIn(ctx, contact), signIn(ctx, agent)]);
    // The pass runs in a second process, as another server's job would.
    const running = run(process.execPath, ['--import', 'tsx', secondProcess, ctx.url ?? ctx.file!, String(now)]).then(({ stdout }) => JSON.parse(stdout));
    // Once the first older case is closed, the pass has read which cases are due, the raced one among them.
    while ((await caseRow(others[0]!)).state !== 'closed') await new Promise((resolve) => setTimeout(resolve, 5));
    const rejected = await asContact.post(`/api/cases/${raced}/reject`, { comment: 'Still broken.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const again = await asAgent.post(`/api/cases/${raced}/propose-solution`, { solution: 'Try this instead.' });
    expect(again.statusCode, again.body).toBe(200);
    // The pass has not reached it yet (it takes due cases oldest first), or this test proves nothing.
    expect((await caseRow(others[others.length - 1]!)).state).toBe('resolved');

    expect(await running).toEqual({ reminded: 0, closed: others.length });
    expect(await caseRow(raced)).toMatchObject({ state: 'resolved', resolved_at: now, reminder_sent_at: null, closed_at: null });
    // Its fresh wait: reminded halfway through, closed at its end.
    expect(await pass(now + 5 * DAY)).toEqual({ reminded: 1, closed: 0 });
    expect(await pass(now + 10 * DAY)).toEqual({ reminded: 0, closed: 1 });
  });
});
