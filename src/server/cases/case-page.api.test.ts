import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockOfCase } from '../sla/sla.clock.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, upload, type TestClient, type TestContext } from '../test/helpers.ts';
import { findCaseByNumber } from './cases.repository.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;

// The case page's first read gathers its lists in one statement (case-page.repository.ts); it must
// answer, in the same order, what each list's own read answers.
describe.each(databaseKinds)('the case page read in one statement (%s)', (kind) => {
  let ctx: TestContext;
  let contact: Person;
  let agent: Person;
  let admin: Person;
  let colleagues: Person[];
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  let number: string;
  let followUps: string[];

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const acme = (await seedAccount(ctx.db, 'Acme')).id;
    contact = await seedPerson(ctx.db, { accountId: acme, firstName: '太郎', lastName: '山田' });
    // Names out of the order they are added in: watchers list by when they were added, candidates by name.
    colleagues = [];
    for (const [firstName, lastName] of [['Mio', 'Tanaka'], ['Ken', 'Abe'], ['花子', '佐藤'], ['Ryo', 'Mori']]) colleagues.push(await seedPerson(ctx.db, { accountId: acme, firstName, lastName }));
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Ai', lastName: 'Agent' });
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'] });

    const customer = await as(contact);
    number = (await customer.post('/api/cases', { type: 'portal_issue', subject: 'ライセンスが見つかりません', description: 'USB 🔑' })).json().number;
    for (const colleague of [colleagues[0]!, colleagues[2]!, colleagues[1]!]) {
      ctx.clock.advance(1000);
      expect((await customer.post(`/api/cases/${number}/watchers`, { personId: colleague.id })).statusCode).toBe(200);
    }
    const staged: number[] = [];
    for (const name of ['ログ.txt', 'b.log']) staged.push((await upload(customer, '/api/attachments', name, `contents of ${name}`)).json().id);
    expect((await customer.post(`/api/cases/${number}/comments`, { body: '二つのログ "quoted" \\ back', attachmentIds: staged })).statusCode).toBe(200);
    const staff = await as(agent);
    const note = (await upload(staff, '/api/attachments', 'internal.txt', 'for staff')).json().id as number;
    expect((await staff.post(`/api/cases/${number}/comments`, { body: 'INTERNAL', workNote: true, attachmentIds: [note] })).statusCode).toBe(200);
    expect((await upload(customer, `/api/cases/${number}/attachments`, 'c.log', 'later')).statusCode).toBe(201);
    expect((await customer.post(`/api/cases/${number}/close`, {})).statusCode).toBe(200);
    followUps = [];
    for (const subject of ['first follow-up', 'second follow-up']) {
      followUps.push((await customer.post('/api/cases', { type: 'portal_issue', subject, description: '…', followUpOf: number })).json().number);
    }
  });
  afterAll(() => ctx.close());

  it("answers a customer's page as the watchers' and the activity's own reads do, in their order", async () => {
    const customer = await as(contact);
    const page = (await customer.get(`/api/cases/${number}?with=activity`)).json();
    expect(page.followUps).toEqual(followUps);
    expect(page.attachments.map((a: { name: string }) => a.name)).toEqual(['ログ.txt', 'b.log', 'c.log']);
    expect(page.watchers).toEqual((await customer.get(`/api/cases/${number}/watchers`)).json());
    expect(page.watchers.items.map((w: { name: string }) => w.name)).toEqual(['Mio Tanaka', '花子 佐藤', 'Ken Abe']);
    expect(page.watchers.candidates.map((w: { name: string }) => w.name)).toEqual(['Ryo Mori']);
    expect(page.activity).toEqual((await customer.get(`/api/cases/${number}/activity`)).json());
    expect(JSON.stringify(page.activity)).toContain('二つのログ \\"quoted\\" \\\\ back');
    expect(page.pendingSurveyId).toEqual(expect.any(Number));

    const followUp = (await customer.get(`/api/cases/${followUps[1]}`)).json();
    expect(followUp).toMatchObject({ followUpOf: number, followUps: [], attachments: [], pendingSurveyId: null, activity: null });
  });

  it("answers staff's page with work notes and their files, and without watchers", async () => {
    const staff = await as(agent);
    const page = (await staff.get(`/api/cases/${number}?with=activity`)).json();
    expect(page.attachments.map((a: { name: string }) => a.name)).toEqual(['ログ.txt', 'b.log', 'internal.txt', 'c.log']);
    expect(page.activity).toEqual((await staff.get(`/api/cases/${number}/activity`)).json());
    expect(page.activity.items.some((entry: { kind: string }) => entry.kind === 'work_note')).toBe(true);
    expect(page).toMatchObject({ watchers: null, pendingSurveyId: null });
  });

  it('answers a watcher, who may not manage the watchers, without candidates', async () => {
    const page = (await (await as(colleagues[0]!)).get(`/api/cases/${number}`)).json();
    expect(page.watchers).toMatchObject({ canManage: false, candidates: [] });
    expect(page.watchers.items).toHaveLength(3);
    expect(page).toMatchObject({ activity: null, pendingSurveyId: null });
  });

  it('gives the SLA clock from the settings and history it read with the rest, as the clock reads them alone', async () => {
    const weekdays = [null, ...Array.from({ length: 5 }, () => ({ start: '09:00', end: '18:00' })), null];
    const targets = [1, 2, 3, 4].map((priority) => ({ priority, firstResponseMinutes: 60 * priority, resolutionMinutes: 540 * priority }));
    const saved = await (await as(admin)).request({ method: 'PUT', url: '/api/admin/sla', payload: { targets, calendar: { timeZone: 'Asia/Tokyo', hours: weekdays, japaneseHolidays: true, closedDates: [] } } });
    expect(saved.statusCode, saved.body).toBe(200);
    const customer = await as(contact);
    const staff = await as(agent);
    const fresh = (await customer.post('/api/cases', { type: 'portal_issue', subject: 'SLA', description: 'Clock' })).json().number as string;
    const clockAlone = async () => {
      const kase = (await findCaseByNumber(ctx.db, fresh))!;
      const clock = await clockOfCase(ctx.db, kase, ctx.clock());
      const seen = (target: (typeof clock)['firstResponse']) => target && { status: target.status, dueAt: target.dueAt, reachedAt: target.reachedAt };
      return { firstResponse: seen(clock.firstResponse), resolution: seen(clock.resolution) };
    };
    const expectSameClock = async (status: string) => {
      const page = (await customer.get(`/api/cases/${fresh}?with=activity`)).json();
      expect(page.sla.firstResponse.status === status || page.sla.resolution.status === status, JSON.stringify(page.sla)).toBe(true);
      expect(page.sla).toMatchObject(await clockAlone());
    };
    await expectSameClock('running');
    ctx.clock.advance(20 * 60_000);
    expect((await staff.post(`/api/cases/${fresh}/comments`, { body: 'We are on it.', attachmentIds: [], workNote: false })).statusCode).toBe(200);
    await expectSameClock('met');
    ctx.clock.advance(20 * 60_000);
    expect((await staff.post(`/api/cases/${fresh}/request-info`, { comment: 'Which version?' })).statusCode).toBe(200);
    await expectSameClock('paused');
  });
});
