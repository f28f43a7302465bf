import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../db/schema.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;
const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);
const MINUTE = 60_000;
/** Every day all day: business minutes are clock minutes, so the figures are easy to check. */
const allDay = Array.from({ length: 7 }, () => ({ start: '00:00', end: '00:00' }));
const sla = {
  calendar: { timeZone: 'Asia/Tokyo', hours: allDay, japaneseHolidays: false, closedDates: [] },
  targets: [
    { priority: 1, firstResponseMinutes: 40, resolutionMinutes: 240 },
    { priority: 2, firstResponseMinutes: 120, resolutionMinutes: 1080 },
    { priority: 3, firstResponseMinutes: 240, resolutionMinutes: null },
    { priority: 4, firstResponseMinutes: null, resolutionMinutes: null },
  ],
};
/** The two weeks the tests read, in Tokyo: Monday 23 November to Sunday 6 December 2026. */
const PERIOD = 'from=2026-11-23&to=2026-12-06';

describe.each(databaseKinds)('the account’s dashboard (%s)', (kind) => {
  let ctx: TestContext;
  let acme: { id: number };
  let other: { id: number };
  let acmeAdmin: Person;
  let otherAdmin: Person;
  let approver: Person;
  let plain: Person;
  let agent: Person;
  let vendorAdmin: Person;
  let londonAdmin: Person;
  let license: number;
  let gateway: number;
  let caseCounter = 0;
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  const dashboard = async (person: Person, query = PERIOD) => (await as(person)).get(`/api/dashboard?${query}`);

  type Reached = { at: number; minutes: number; met: boolean };
  async function insertCase(options: { account: number; contact: number; product?: number; priority?: number; state: CaseState; createdAt: number; closedAt?: number; response?: Reached; resolution?: Reached }) {
    caseCounter++;
    const row = await ctx.db
      .insertInto('cases')
      .values({
        number: `CS${String(9000000 + caseCounter)}`,
        account_id: options.account,
        contact_id: options.contact,
        product_id: options.product ?? license,
        type: 'product_issue',
        priority: options.priority ?? 3,
        subject: `Seeded ${caseCounter}`,
        description: 'Seeded for the dashboard.',
        state: options.state,
        assignee_id: null,
        follow_up_of: null,
        resolved_at: null,
        reminder_sent_at: null,
        closed_at: options.closedAt ?? null,
        created_at: options.createdAt,
        updated_at: options.createdAt,
        sla_response_at: options.response?.at ?? null,
        sla_response_minutes: options.response?.minutes ?? null,
        sla_response_met: options.response ? (options.response.met ? 1 : 0) : null,
        sla_resolution_at: options.resolution?.at ?? null,
        sla_resolution_minutes: options.resolution?.minutes ?? null,
        sla_resolution_met: options.resolution ? (options.resolution.met ? 1 : 0) : null,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    return row;
  }
  async function answerSurvey(caseId: number, contactId: number, answeredAt: number, overall: number, comment: string | null) {
    const { account_id } = await ctx.db.selectFrom('cases').select('account_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('surveys')
      .values({ case_id: caseId, contact_id: contactId, account_id, state: 'answered', answer_1: overall, answer_2: 3, answer_3: 3, answer_4: 3, answer_5: 3, comment, created_at: answeredAt - MINUTE, answered_at: answeredAt })
      .execute();
  }

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    acme = await seedAccount(ctx.db, 'Acme Japan K.K.');
    other = await seedAccount(ctx.db, 'Other Industries');
    acmeAdmin = await seedPerson(ctx.db, { accountId: acme.id, roles: ['account_admin'] });
    otherAdmin = await seedPerson(ctx.db, { accountId: other.id, roles: ['account_admin'] });
    approver = await seedPerson(ctx.db, { accountId: acme.id, roles: ['approver'] });
    plain = await seedPerson(ctx.db, { accountId: acme.id });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    vendorAdmin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'] });
    londonAdmin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'], timeZone: 'Europe/London' });
    license = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    gateway = (await ctx.db.insertInto('products').values({ name: 'Gateway', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    ctx.clock.set(tokyo('2026-12-07T10:00'));
    expect((await (await as(vendorAdmin)).request({ method: 'PUT', url: '/api/admin/sla', payload: sla })).statusCode).toBe(200);

    const a = { account: acme.id, contact: plain.id };
    // Open now: 2 New (priority 1), 1 Work in Progress and 1 Awaiting Info (priority 3), 1 Resolved (priority 4, Gateway).
    await insertCase({ ...a, state: 'new', priority: 1, createdAt: tokyo('2026-11-24T09:00') });
    await insertCase({ ...a, state: 'new', priority: 1, createdAt: tokyo('2026-11-25T09:00') });
    await insertCase({ ...a, state: 'work_in_progress', createdAt: tokyo('2026-11-26T09:00') });
    // Monday 30 November 00:30 in Tokyo is still Sunday 29 November in London (and in UTC).
    await insertCase({ ...a, state: 'awaiting_info', createdAt: tokyo('2026-11-30T00:30') });
    await insertCase({ ...a, state: 'resolved', priority: 4, product: gateway, createdAt: tokyo('2026-12-01T09:00') });
    // Closed in the first week, closed in the second (and one cancelled, which is not closed); a case closed before the period.
    const closed1 = await insertCase({ ...a, state: 'closed', priority: 1, createdAt: tokyo('2026-11-10T09:00'), closedAt: tokyo('2026-11-27T12:00') });
    const closed2 = await insertCase({ ...a, state: 'closed', priority: 1, createdAt: tokyo('2026-11-10T10:00'), closedAt: tokyo('2026-12-02T12:00') });
    await insertCase({ ...a, state: 'cancelled', createdAt: tokyo('2026-11-10T11:00'), closedAt: tokyo('2026-12-03T12:00') });
    const closedBefore = await insertCase({ ...a, state: 'closed', createdAt: tokyo('2026-11-01T09:00'), closedAt: tokyo('2026-11-02T09:00') });
    // Priority 1 first responses in the period: 10, 30 and 50 minutes against a 40-minute target;
    // resolutions 100 and 300 minutes against 240. One response before the period does not count.
    await insertCase({ ...a, state: 'closed', priority: 1, createdAt: tokyo('2026-11-01T09:00'), closedAt: tokyo('2026-11-01T12:00'), response: { at: tokyo('2026-11-20T09:00'), minutes: 1000, met: false } });
    await insertCase({ ...a, state: 'work_in_progress', priority: 1, createdAt: tokyo('2026-11-24T09:00'), response: { at: tokyo('2026-11-24T09:10'), minutes: 10, met: true } });
    await insertCase({ ...a, state: 'resolved', priority: 1, createdAt: tokyo('2026-11-25T09:00'), response: { at: tokyo('2026-11-25T09:30'), minutes: 30, met: true }, resolution: { at: tokyo('2026-11-25T10:40'), minutes: 100, met: true } });
    await insertCase({ ...a, state: 'resolved', priority: 1, createdAt: tokyo('2026-12-01T09:00'), response: { at: tokyo('2026-12-01T09:50'), minutes: 50, met: false }, resolution: { at: tokyo('2026-12-01T14:00'), minutes: 300, met: false } });
    // Surveys: week one 5 and 4 (average 4.5), week two 2; one comment before the period.
    await answerSurvey(closed1.id, plain.id, tokyo('2026-11-27T13:00'), 5, 'Quick and clear, thank you.');
    await answerSurvey(closed2.id, plain.id, tokyo('2026-11-28T13:00'), 4, null);
    const third = await insertCase({ ...a, state: 'closed', createdAt: tokyo('2026-11-02T09:00'), closedAt: tokyo('2026-11-03T09:00') });
    await answerSurvey(third.id, plain.id, tokyo('2026-12-04T13:00'), 2, 'It took two days to get an answer.');
    await answerSurvey(closedBefore.id, plain.id, tokyo('2026-11-03T13:00'), 1, 'Before the period.');

    // The other account: one open case, one response, one survey comment, in the same weeks.
    const o = { account: other.id, contact: otherAdmin.id };
    await insertCase({ ...o, state: 'new', priority: 2, product: gateway, createdAt: tokyo('2026-11-24T09:00'), response: { at: tokyo('2026-11-24T10:00'), minutes: 60, met: true } });
    const otherClosed = await insertCase({ ...o, state: 'closed', priority: 2, createdAt: tokyo('2026-11-24T09:00'), closedAt: tokyo('2026-11-25T09:00') });
    await answerSurvey(otherClosed.id, otherAdmin.id, tokyo('2026-11-26T13:00'), 3, 'Another account’s comment.');
  });
  afterAll(() => ctx.close());

  it('shows an account administrator their account’s open cases by state, priority and product', async () => {
    const answer = await dashboard(acmeAdmin);
    expect(answer.statusCode, answer.body).toBe(200);
    const body = answer.json();
    expect(body.account).toEqual({ id: acme.id, name: 'Acme Japan K.K.' });
    expect(body.period).toEqual({ from: '2026-11-23', to: '2026-12-06', timeZone: 'Asia/Tokyo' });
    expect(body.openCases.total).toBe(8);
    expect(body.openCases.byState).toEqual([
      { state: 'new', count: 2 },
      { state: 'work_in_progress', count: 2 },
      { state: 'awaiting_info', count: 1 },
      { state: 'resolved', count: 3 },
    ]);
    expect(body.openCases.byPriority).toEqual([
      { priority: 1, count: 5 },
      { priority: 2, count: 0 },
      { priority: 3, count: 2 },
      { priority: 4, count: 1 },
    ]);
    expect(body.openCases.byProduct).toEqual([
      { productId: license, productName: 'Sentinel LDK', count: 7 },
      { productId: gateway, productName: 'Gateway', count: 1 },
    ]);
  });

  it('counts cases opened and closed per week from Monday in the viewer’s time zone', async () => {
    const tokyoWeeks = (await dashboard(acmeAdmin)).json().weeks;
    // Opened in week one: 24th (2), 25th (2), 26th; in week two: Monday 00:30, 1 December (2). Cancelled is not closed.
    expect(tokyoWeeks).toEqual([
      { weekStart: '2026-11-23', opened: 5, closed: 1 },
      { weekStart: '2026-11-30', opened: 3, closed: 1 },
    ]);
    // In London, Monday 00:30 in Tokyo is Sunday afternoon: the case belongs to the first week.
    const london = (await dashboard(londonAdmin, `account=${acme.id}&${PERIOD}`)).json();
    expect(london.period.timeZone).toBe('Europe/London');
    expect(london.weeks.map((w: { opened: number }) => w.opened)).toEqual([6, 2]);
  });

  it('sets the median time to first response and to resolution beside the targets, with how many met them', async () => {
    const targets = (await dashboard(acmeAdmin)).json().targets;
    expect(targets[0]).toEqual({
      priority: 1,
      firstResponse: { targetMinutes: 40, reached: 3, met: 2, medianMinutes: 30 },
      resolution: { targetMinutes: 240, reached: 2, met: 1, medianMinutes: 200 },
    });
    expect(targets[1]).toEqual({
      priority: 2,
      firstResponse: { targetMinutes: 120, reached: 0, met: 0, medianMinutes: null },
      resolution: { targetMinutes: 1080, reached: 0, met: 0, medianMinutes: null },
    });
    expect(targets[3].firstResponse).toEqual({ targetMinutes: null, reached: 0, met: 0, medianMinutes: null });
  });

  it('shows the satisfaction trend per week and the latest comments of the account only', async () => {
    const surveys = (await dashboard(acmeAdmin)).json().surveys;
    expect(surveys.weeks).toEqual([
      { weekStart: '2026-11-23', answered: 2, averageSatisfaction: 4.5 },
      { weekStart: '2026-11-30', answered: 1, averageSatisfaction: 2 },
    ]);
    expect(surveys.latestComments.map((c: { comment: string; satisfaction: number; accountName: string }) => [c.comment, c.satisfaction, c.accountName])).toEqual([
      ['It took two days to get an answer.', 2, 'Acme Japan K.K.'],
      ['Quick and clear, thank you.', 5, 'Acme Japan K.K.'],
    ]);
  });

  it('gives the vendor’s administrators any account, and every account together', async () => {
    const otherOnly = (await dashboard(vendorAdmin, `account=${other.id}&${PERIOD}`)).json();
    expect(otherOnly.account).toEqual({ id: other.id, name: 'Other Industries' });
    expect(otherOnly.openCases.byPriority.map((p: { count: number }) => p.count)).toEqual([0, 1, 0, 0]);
    expect(otherOnly.targets[1].firstResponse).toEqual({ targetMinutes: 120, reached: 1, met: 1, medianMinutes: 60 });

    const all = (await dashboard(vendorAdmin, `account=all&${PERIOD}`)).json();
    expect(all.account).toBeNull();
    expect(all.openCases.total).toBe(9);
    expect(all.weeks).toEqual([
      { weekStart: '2026-11-23', opened: 7, closed: 2 },
      { weekStart: '2026-11-30', opened: 3, closed: 1 },
    ]);
    expect(all.surveys.weeks[0]).toEqual({ weekStart: '2026-11-23', answered: 3, averageSatisfaction: 4 });
    expect(all.surveys.latestComments.map((c: { accountName: string }) => c.accountName)).toEqual(['Acme Japan K.K.', 'Acme Japan K.K.', 'Other Industries']);
  });

  it('answers another account’s id, or every account, as not found to an account administrator', async () => {
    for (const query of [`account=${other.id}`, 'account=all', 'account=999999']) {
      const answer = await dashboard(acmeAdmin, `${query}&${PERIOD}`);
      expect(answer.statusCode, query).toBe(404);
      expect(answer.json().message).toBe('This account was not found.');
    }
    expect((await dashboard(acmeAdmin, `account=${acme.id}&${PERIOD}`)).statusCode).toBe(200);
    expect((await dashboard(vendorAdmin, `account=999999&${PERIOD}`)).statusCode).toBe(404);
  });

  it('refuses contacts, approvers and agents (403) and visitors (401)', async () => {
    for (const person of [plain, approver, agent]) {
      const answer = await dashboard(person);
      expect(answer.statusCode).toBe(403);
      expect(answer.json().message).toBe('Only account administrators and the vendor’s administrators can see the dashboard.');
    }
    expect((await new TestClient(ctx.app).get(`/api/dashboard?${PERIOD}`)).statusCode).toBe(401);
  });

  it('says what is wrong with a period', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-12-06&to=2026-11-23', 'The first day of the period comes after its last day.'],
      ['from=2024-01-01&to=2026-01-02', 'A period spans at most 731 days (two years). Choose a shorter one.'],
      ['from=2026-11-31&to=2026-12-06', 'Enter the first day as YYYY-MM-DD.'],
      ['from=2026-11-23', 'Give both the first and the last day of the period, or neither.'],
      ['account=acme', 'Name an account by its id, or "all" for every account.'],
    ];
    for (const [query, message] of cases) {
      const answer = await dashboard(vendorAdmin, query);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json().message, query).toContain(message);
    }
    expect((await dashboard(vendorAdmin, 'from=2024-12-07&to=2026-12-06')).statusCode).toBe(200);
  });

  it('reads the last 90 days of the viewer’s calendar when no period is given', async () => {
    const body = (await dashboard(acmeAdmin, '')).json();
    expect(body.period).toEqual({ from: '2026-09-09', to: '2026-12-07', timeZone: 'Asia/Tokyo' });
    expect(body.weeks[0].weekStart).toBe('2026-09-07');
    expect(body.weeks.at(-1).weekStart).toBe('2026-12-07');
  });

  it('records on the case what its clock reached: the first reply and the solution, in business minutes, met or not', async () => {
    ctx.clock.set(tokyo('2026-12-07T10:00'));
    const opened = await (await as(plain)).post('/api/cases', { type: 'product_issue', productId: license, priority: 1, subject: 'License not found', description: 'It says no license.' });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as string;
    const reached = () => ctx.db.selectFrom('cases').select(['sla_response_at', 'sla_response_minutes', 'sla_response_met', 'sla_resolution_at', 'sla_resolution_minutes', 'sla_resolution_met']).where('number', '=', number).executeTakeFirstOrThrow();
    expect(await reached()).toMatchObject({ sla_response_at: null, sla_resolution_at: null });

    ctx.clock.set(tokyo('2026-12-07T10:25'));
    clients.clear();
    expect((await (await as(agent)).post(`/api/cases/${number}/comments`, { body: 'We are on it.', attachmentIds: [], workNote: false })).statusCode).toBe(200);
    ctx.clock.set(tokyo('2026-12-07T15:00'));
    clients.clear();
    expect((await (await as(agent)).post(`/api/cases/${number}/propose-solution`, { solution: 'Reinstall the license.' })).statusCode).toBe(200);
    const figures = await reached();
    expect({ ...figures, sla_response_at: Number(figures.sla_response_at), sla_resolution_at: Number(figures.sla_resolution_at) }).toEqual({
      sla_response_at: tokyo('2026-12-07T10:25'),
      sla_response_minutes: 25,
      sla_response_met: 1,
      sla_resolution_at: tokyo('2026-12-07T15:00'),
      sla_resolution_minutes: 300,
      sla_resolution_met: 0,
    });
    // A rejected solution starts the resolution clock again: the case has no resolution until the next one.
    expect((await (await as(plain)).post(`/api/cases/${number}/reject`, { comment: 'Still broken.' })).statusCode).toBe(200);
    expect(await reached()).toMatchObject({ sla_response_minutes: 25, sla_resolution_at: null, sla_resolution_minutes: null, sla_resolution_met: null });
  });
});
