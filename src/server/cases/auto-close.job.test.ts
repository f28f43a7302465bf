import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, type TestContext } from '../test/helpers.ts';
import { runAutoClose } from './auto-close.job.ts';

/** Resolved cases written straight to the table, as many as a busy support desk has waiting. */
async function insertResolvedCases(db: Db, options: { accountId: number; contactId: number; prefix: string; count: number; resolvedAt: number; reminderSentAt: number | null }) {
  const rows = Array.from({ length: options.count }, (_, i) => ({
    number: `${options.prefix}${String(i).padStart(7, '0')}`,
    account_id: options.accountId,
    contact_id: options.contactId,
    type: 'portal_issue',
    priority: 3,
    subject: `Waiting ${i}`,
    description: 'Resolved, waiting for the contact.',
    state: 'resolved',
    resolved_at: options.resolvedAt,
    reminder_sent_at: options.reminderSentAt,
    created_at: options.resolvedAt - DAY,
    updated_at: options.resolvedAt,
  }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('cases').values(rows.slice(i, i + 100)).execute();
  return rows.map((row) => row.number);
}

describe.each(databaseKinds)('the auto-close job (%s)', (kind) => {
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
});
