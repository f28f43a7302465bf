import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';
import { NO_DUE_TIME } from './case-clock.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;
const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);
const MINUTE = 60_000;

const weekdays = (start: string, end: string) => [null, ...Array.from({ length: 5 }, () => ({ start, end })), null];
const calendar = { timeZone: 'Asia/Tokyo', hours: weekdays('09:00', '18:00'), japaneseHolidays: true, closedDates: ['2026-12-29', '2026-12-30'] };
const targets = [
  { priority: 1, firstResponseMinutes: 60, resolutionMinutes: 540 },
  { priority: 2, firstResponseMinutes: 120, resolutionMinutes: 1080 },
  { priority: 3, firstResponseMinutes: 240, resolutionMinutes: 2700 },
  { priority: 4, firstResponseMinutes: null, resolutionMinutes: null },
];
const valid = { targets, calendar };

describe.each(databaseKinds)('service targets and the business calendar (%s)', (kind) => {
  let ctx: TestContext;
  let admin: Person;
  let agent: Person;
  let contact: Person;
  let productId: number;
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  /** Moves the test clock; the sessions of a day earlier have ended, so everyone signs in again. */
  const setClock = (at: number) => {
    ctx.clock.set(at);
    clients.clear();
  };
  const put = async (person: Person, payload: unknown) => (await as(person)).request({ method: 'PUT', url: '/api/admin/sla', payload: payload as object });
  const open = async (priority: number) => {
    const answer = await (await as(contact)).post('/api/cases', { type: 'product_issue', productId, priority, subject: 'License not found', description: 'It says no license.' });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().number as string;
  };
  const dueTimes = (number: string) => ctx.db.selectFrom('cases').select(['sla_response_due_at', 'sla_resolution_due_at', 'sla_due_at']).where('number', '=', number).executeTakeFirstOrThrow();
  const recomputedEntries = async (number: string) =>
    (await ctx.db.selectFrom('case_activities as a').innerJoin('cases as c', 'c.id', 'a.case_id').select('a.detail').where('c.number', '=', number).where('a.kind', '=', 'sla_recomputed').orderBy('a.id').execute()).map((row) => JSON.parse(row.detail));

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const accountId = (await seedAccount(ctx.db)).id;
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'] });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    contact = await seedPerson(ctx.db, { accountId });
    productId = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    // Monday 7 December 2026, 10:00 in Tokyo.
    setClock(tokyo('2026-12-07T10:00'));
  });
  afterAll(() => ctx.close());

  it('has no targets until the administrators set them, and weekdays 9:00–18:00 Tokyo time with Japanese holidays', async () => {
    const answer = await (await as(admin)).get('/api/admin/sla');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      targets: [1, 2, 3, 4].map((priority) => ({ priority, firstResponseMinutes: null, resolutionMinutes: null })),
      calendar: { timeZone: 'Asia/Tokyo', hours: weekdays('09:00', '18:00'), japaneseHolidays: true, closedDates: [] },
      recomputed: 0,
    });
  });

  it('is for vendor administrators only: visitors get 401, agents and contacts 403, and nothing changes', async () => {
    expect((await new TestClient(ctx.app).get('/api/admin/sla')).statusCode).toBe(401);
    expect((await new TestClient(ctx.app).request({ method: 'PUT', url: '/api/admin/sla', payload: valid })).statusCode).toBe(401);
    for (const person of [agent, contact]) {
      expect((await (await as(person)).get('/api/admin/sla')).statusCode).toBe(403);
      expect((await put(person, valid)).statusCode).toBe(403);
    }
    expect(await ctx.db.selectFrom('settings').select('key').where('key', 'like', 'sla_%').execute()).toEqual([]);
  });

  it.each([
    ['an unknown time zone', { ...valid, calendar: { ...calendar, timeZone: 'Mars/Olympus' } }, 'IANA name'],
    ['a time that is no time', { ...valid, calendar: { ...calendar, hours: weekdays('9:00', '18:00') } }, 'HH:MM'],
    ['a week without working hours', { ...valid, calendar: { ...calendar, hours: Array(7).fill(null) } }, 'At least one day'],
    ['a closing day that is no date', { ...valid, calendar: { ...calendar, closedDates: ['2026-02-30'] } }, 'YYYY-MM-DD'],
    ['three priorities', { ...valid, targets: targets.slice(0, 3) }, 'four priorities'],
    ['a priority twice', { ...valid, targets: [...targets.slice(0, 3), targets[0]] }, 'four priorities once'],
    ['a target of no minutes', { ...valid, targets: [{ ...targets[0], firstResponseMinutes: 0 }, ...targets.slice(1)] }, 'business minutes'],
    ['a field no schema names', { ...valid, pause: true }, ''],
  ])('refuses %s with a 400 that says why, and changes nothing', async (_what, payload, message) => {
    const answer = await put(admin, payload);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toContain(message);
    expect(await ctx.db.selectFrom('settings').select('key').where('key', 'like', 'sla_%').execute()).toEqual([]);
  });

  it('computes the due times of every open case when the targets are saved, audits it, and the case activity says so', async () => {
    const number = await open(1);
    expect(await dueTimes(number)).toEqual({ sla_response_due_at: null, sla_resolution_due_at: null, sla_due_at: NO_DUE_TIME });
    const answer = await put(admin, valid);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ targets, calendar, recomputed: 1 });
    // An hour to answer from 10:00; nine business hours to resolve: 10:00–18:00 and 9:00–10:00 on Tuesday.
    expect(await dueTimes(number)).toEqual({ sla_response_due_at: tokyo('2026-12-07T11:00'), sla_resolution_due_at: tokyo('2026-12-08T10:00'), sla_due_at: tokyo('2026-12-07T11:00') });
    expect(await recomputedEntries(number)).toEqual([{ reason: 'targets', firstResponseDueAt: tokyo('2026-12-07T11:00'), resolutionDueAt: tokyo('2026-12-08T10:00') }]);
    const audit = await ctx.db.selectFrom('audit_events').select(['type', 'actor_id']).where('type', '=', 'settings.sla_changed').execute();
    expect(audit).toEqual([{ type: 'settings.sla_changed', actor_id: admin.id }]);
    // Saving the same again changes nothing and audits nothing.
    expect((await put(admin, valid)).json().recomputed).toBe(0);
    expect(await ctx.db.selectFrom('audit_events').select('id').where('type', '=', 'settings.sla_changed').execute()).toHaveLength(1);
  });

  it('starts the clock of a new case, stops the first response at the first public staff reply, not at a work note', async () => {
    const number = await open(2);
    expect(await dueTimes(number)).toMatchObject({ sla_response_due_at: tokyo('2026-12-07T12:00'), sla_due_at: tokyo('2026-12-07T12:00') });
    const client = await as(agent);
    const note = await client.post(`/api/cases/${number}/comments`, { body: 'Looking into it internally.', attachmentIds: [], workNote: true });
    expect(note.statusCode, note.body).toBe(200);
    expect(await dueTimes(number)).toMatchObject({ sla_response_due_at: tokyo('2026-12-07T12:00') });
    ctx.clock.advance(20 * MINUTE);
    expect((await client.post(`/api/cases/${number}/comments`, { body: 'We are on it.', attachmentIds: [], workNote: false })).statusCode).toBe(200);
    // Two business days of 9 hours for the resolution: due Wednesday 10:00.
    expect(await dueTimes(number)).toEqual({ sla_response_due_at: null, sla_resolution_due_at: tokyo('2026-12-09T10:00'), sla_due_at: tokyo('2026-12-09T10:00') });
    setClock(tokyo('2026-12-07T10:00'));
  });

  it('pauses while the case awaits information and resumes with the time that was left', async () => {
    const number = await open(1);
    setClock(tokyo('2026-12-07T11:00'));
    expect((await (await as(agent)).post(`/api/cases/${number}/request-info`, { comment: 'Which version?' })).statusCode).toBe(200);
    expect(await dueTimes(number)).toEqual({ sla_response_due_at: null, sla_resolution_due_at: null, sla_due_at: NO_DUE_TIME });
    // The customer answers the next morning at 9:00: eight hours of resolution were left.
    setClock(tokyo('2026-12-08T09:00'));
    expect((await (await as(contact)).post(`/api/cases/${number}/comments`, { body: 'Version 8.5.', attachmentIds: [], workNote: false })).statusCode).toBe(200);
    expect(await dueTimes(number)).toMatchObject({ sla_resolution_due_at: tokyo('2026-12-08T17:00') });
    setClock(tokyo('2026-12-07T10:00'));
  });

  it('computes the due times again when the priority changes, and the activity says so', async () => {
    const number = await open(3);
    expect(await dueTimes(number)).toMatchObject({ sla_response_due_at: tokyo('2026-12-07T14:00') });
    expect((await (await as(agent)).post(`/api/cases/${number}/priority`, { priority: 1 })).statusCode).toBe(200);
    expect(await dueTimes(number)).toMatchObject({ sla_response_due_at: tokyo('2026-12-07T11:00'), sla_resolution_due_at: tokyo('2026-12-08T10:00') });
    expect(await recomputedEntries(number)).toEqual([{ reason: 'priority', firstResponseDueAt: tokyo('2026-12-07T11:00'), resolutionDueAt: tokyo('2026-12-08T10:00') }]);
    // Low has no targets: the clock goes, and the activity says so too.
    expect((await (await as(agent)).post(`/api/cases/${number}/priority`, { priority: 4 })).statusCode).toBe(200);
    expect(await dueTimes(number)).toEqual({ sla_response_due_at: null, sla_resolution_due_at: null, sla_due_at: NO_DUE_TIME });
    expect(await recomputedEntries(number)).toHaveLength(2);
  });

  it('shows each viewer the due times and whether they were met; the Queue sorts by what breaches first and marks the breached', async () => {
    const moderate = await open(3);
    const critical = await open(1);
    setClock(tokyo('2026-12-07T11:15'));
    // Unassigned New cases come first whatever the order (SPEC "Agent workspace"); among them, what breaches first.
    const newOnes = '/api/queue?sort=due&direction=asc&state=new&assignee=none';
    const queue = (await (await as(agent)).get(`${newOnes}&limit=100`)).json().items as Array<{ number: string; slaDueAt: number | null; slaBreached: boolean }>;
    const dues = queue.map((item) => item.slaDueAt ?? Infinity);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const row = (number: string) => queue.find((item) => item.number === number)!;
    expect(queue.indexOf(row(critical))).toBeLessThan(queue.indexOf(row(moderate)));
    expect(row(critical)).toMatchObject({ slaDueAt: tokyo('2026-12-07T11:00'), slaBreached: true, slaMinutesLeft: -15 });
    expect(row(moderate)).toMatchObject({ slaDueAt: tokyo('2026-12-07T14:00'), slaBreached: false, slaMinutesLeft: 165 });
    // Paged by the due time, every case comes once.
    const firstPage = (await (await as(agent)).get(`${newOnes}&limit=2`)).json();
    const secondPage = (await (await as(agent)).get(`${newOnes}&limit=100&cursor=${firstPage.nextCursor}`)).json();
    expect([...firstPage.items, ...secondPage.items].map((item: { number: string }) => item.number)).toEqual(queue.map((item) => item.number));

    const seen = async () => (await (await as(contact)).get(`/api/cases/${critical}`)).json().sla;
    expect(await seen()).toEqual({
      firstResponse: { status: 'breached', dueAt: tokyo('2026-12-07T11:00'), reachedAt: null, minutesLeft: -15 },
      resolution: { status: 'running', dueAt: tokyo('2026-12-08T10:00'), reachedAt: null, minutesLeft: 465 },
    });
    expect((await (await as(agent)).post(`/api/cases/${critical}/comments`, { body: 'Sorry for the wait.', attachmentIds: [], workNote: false })).statusCode).toBe(200);
    expect((await seen()).firstResponse).toEqual({ status: 'missed', dueAt: tokyo('2026-12-07T11:00'), reachedAt: tokyo('2026-12-07T11:15'), minutesLeft: -15 });
    expect((await (await as(contact)).get(`/api/cases/${moderate}`)).json().sla.firstResponse).toMatchObject({ status: 'running', minutesLeft: 165 });
    setClock(tokyo('2026-12-07T10:00'));
  });

  it('lists the cases no target applies to after the others, newest first, page after page', async () => {
    const older = await open(4);
    const newer = await open(4);
    const url = '/api/queue?sort=due&direction=asc&priority=4&state=new&assignee=none&limit=1';
    const first = (await (await as(agent)).get(url)).json();
    const second = (await (await as(agent)).get(`${url}&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((item: { number: string; slaDueAt: number | null }) => [item.number, item.slaDueAt])).toEqual([
      [newer, null],
      [older, null],
    ]);
  });
});
