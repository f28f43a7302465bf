import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, signIn, type TestClient, type TestContext } from '../test/helpers.ts';
import { closeDueCase, findDueCases, remindDueCase, runAutoClose } from './auto-close.job.ts';

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

  it('does not close or remind a case that was rejected and resolved again after the pass read it: the new resolution waits its own days', async () => {
    ctx = await createTestApp(kind);
    const account = await seedAccount(ctx.db);
    const contact = await seedPerson(ctx.db, { accountId: account.id });
    const agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    // Signed in anew after each move of the clock, as sessions end after 12 hours.
    let asContact: TestClient, asAgent: TestClient;
    const signInBoth = async () => ([asContact, asAgent] = await Promise.all([signIn(ctx, contact), signIn(ctx, agent)]));
    await signInBoth();
    const open = async (subject: string) => {
      const opened = await asContact.post('/api/cases', { type: 'portal_issue', subject, description: 'Closes or waits?' });
      expect(opened.statusCode, opened.body).toBe(201);
      const number = opened.json().number as string;
      expect((await asAgent.post(`/api/cases/${number}/propose-solution`, { solution: 'Try this.' })).statusCode).toBe(200);
      return number;
    };
    const resolveAgain = async (number: string) => {
      expect((await asContact.post(`/api/cases/${number}/reject`, { comment: 'Still broken.' })).statusCode).toBe(200);
      expect((await asAgent.post(`/api/cases/${number}/propose-solution`, { solution: 'Try this instead.' })).statusCode).toBe(200);
    };
    const toClose = await open('Due to close');
    ctx.clock.advance(5 * DAY);
    await signInBoth();
    const toRemind = await open('Due a reminder');

    // A pass (of this process or another) reads what is due: one case to close, one to remind…
    const now = ctx.clock() + 5 * DAY + 1;
    ctx.clock.set(now);
    const step = { db: ctx.db, now, autoCloseHours: 240, publicUrl: 'http://portal.test' };
    const due = await findDueCases(step);
    expect(due.toClose.map((kase) => kase.number)).toEqual([toClose]);
    expect(due.toRemind.map((kase) => kase.number)).toEqual([toRemind]);
    // …meanwhile both are rejected and resolved again, and only then does the pass act on what it read.
    await signInBoth();
    await resolveAgain(toClose);
    await resolveAgain(toRemind);
    expect(await closeDueCase(due.toClose[0]!, step)).toBe(false);
    expect(await remindDueCase(due.toRemind[0]!, step)).toBe(false);
    expect(await caseRow(toClose)).toMatchObject({ state: 'resolved', resolved_at: now, reminder_sent_at: null, closed_at: null });
    expect(await caseRow(toRemind)).toMatchObject({ state: 'resolved', resolved_at: now, reminder_sent_at: null });

    // Their fresh wait: reminded halfway through, closed at its end.
    expect(await pass(now + 5 * DAY)).toEqual({ reminded: 2, closed: 0 });
    expect(await pass(now + 10 * DAY)).toEqual({ reminded: 0, closed: 2 });
  });
});
