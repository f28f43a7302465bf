import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, type TestContext } from '../test/helpers.ts';
import { NO_DUE_TIME } from './case-clock.ts';
import { runSlaWarnings } from './sla-warning.job.ts';

const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);
const now = tokyo('2026-12-07T10:00');

describe.each(databaseKinds)('the SLA warning job (%s)', (kind) => {
  let ctx: TestContext;
  let assignee: Awaited<ReturnType<typeof seedPerson>>;
  let admin: Awaited<ReturnType<typeof seedPerson>>;
  let agent: Awaited<ReturnType<typeof seedPerson>>;
  let accountId: number;
  let contactId: number;
  let counter = 0;
  const pass = (at = now) => runSlaWarnings({ db: ctx.db, now: at, publicUrl: 'http://portal.test' });
  /** A case written straight to the table with the due times the clock would have stored. */
  const insertCase = async (due: { response: number | null; resolution: number | null }, state: 'new' | 'closed' = 'new', assigneeId: number | null = null) => {
    const number = `CS9${String(counter++).padStart(6, '0')}`;
    const owed = [due.response, due.resolution].filter((at): at is number => at !== null);
    await ctx.db
      .insertInto('cases')
      .values({
        number,
        account_id: accountId,
        contact_id: contactId,
        type: 'portal_issue',
        priority: 1,
        subject: `Down ${number}`,
        description: 'Everything is down.',
        state,
        assignee_id: assigneeId,
        created_at: now - 30 * MINUTE,
        updated_at: now - 30 * MINUTE,
        sla_response_due_at: due.response,
        sla_resolution_due_at: due.resolution,
        sla_due_at: owed.length ? Math.min(...owed) : NO_DUE_TIME,
      })
      .execute();
    return number;
  };
  const warningsOf = async (email: string, number: string) => (await mailsTo(ctx.db, email)).filter((mail) => mail.subject.includes(number));

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db, 'Acme Japan')).id;
    contactId = (await seedPerson(ctx.db, { accountId })).id;
    assignee = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], language: 'ja', timeZone: 'Asia/Tokyo' });
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'], language: 'en', timeZone: 'America/New_York' });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
  });
  afterAll(() => ctx.close());

  it('warns the assignee and the administrators once, each in their language and time zone, an hour before the due time', async () => {
    const number = await insertCase({ response: tokyo('2026-12-07T10:45'), resolution: tokyo('2026-12-08T10:00') }, 'new', assignee.id);
    expect(await pass()).toEqual({ warned: 1 });
    const [ja] = await warningsOf(assignee.email, number);
    expect(ja?.subject).toBe(`ケース ${number} の初回回答の目標期限が近づいています`);
    expect(ja?.text_body).toContain('2026年12月7日 10:45 日本標準時');
    const [en] = await warningsOf(admin.email, number);
    expect(en?.subject).toBe(`Case ${number}: first response target due soon`);
    expect(en?.text_body).toContain('Dec 6, 2026, 8:45 PM EST');
    expect(en?.text_body).toContain('http://portal.test/cases/' + number);
    // Other agents are not warned of a case that is not theirs.
    expect(await warningsOf(agent.email, number)).toEqual([]);
    // Never again for the same target, also not later when it has passed.
    expect(await pass(tokyo('2026-12-07T11:00'))).toEqual({ warned: 0 });
    expect(await warningsOf(admin.email, number)).toHaveLength(1);
    // The resolution target is warned on its own, once it comes near.
    expect(await pass(tokyo('2026-12-08T09:30'))).toEqual({ warned: 1 });
    expect((await warningsOf(admin.email, number)).map((mail) => mail.subject)).toEqual([`Case ${number}: first response target due soon`, `Case ${number}: resolution target due soon`]);
  });

  it('warns of nothing further off than the lead, nor of a closed case, and says a target passed when the job comes late', async () => {
    const later = await insertCase({ response: tokyo('2026-12-07T11:30'), resolution: null });
    const closed = await insertCase({ response: tokyo('2026-12-07T09:00'), resolution: null }, 'closed');
    const late = await insertCase({ response: tokyo('2026-12-07T09:30'), resolution: null });
    expect(await pass()).toEqual({ warned: 1 });
    expect(await warningsOf(admin.email, later)).toEqual([]);
    expect(await warningsOf(admin.email, closed)).toEqual([]);
    expect((await warningsOf(admin.email, late)).map((mail) => mail.subject)).toEqual([`Case ${late}: first response target passed`]);
    expect(await pass(tokyo('2026-12-07T10:31'))).toEqual({ warned: 1 });
    expect(await warningsOf(admin.email, later)).toHaveLength(1);
  });

  it('warns once when several processes run the pass at the same moment', async () => {
    const number = await insertCase({ response: tokyo('2026-12-07T10:30'), resolution: null }, 'new', assignee.id);
    const results = await Promise.all([pass(), pass(), pass()]);
    expect(results.reduce((sum, r) => sum + r.warned, 0)).toBe(1);
    expect(await warningsOf(assignee.email, number)).toHaveLength(1);
    expect(await warningsOf(admin.email, number)).toHaveLength(1);
  });
});
