import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, signIn, type TestClient, type TestContext } from '../test/helpers.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;

describe.each(databaseKinds)('CC: watchers on a case, and the case mails each person chooses (%s)', (kind) => {
  let ctx: TestContext;
  let contact: Person;
  let colleague: Person;
  let inactive: Person;
  let stranger: Person;
  let agent: Person;
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  let number: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const acme = (await seedAccount(ctx.db, 'Acme')).id;
    const globex = (await seedAccount(ctx.db, 'Globex')).id;
    contact = await seedPerson(ctx.db, { accountId: acme, firstName: 'Taro', lastName: 'Yamada' });
    colleague = await seedPerson(ctx.db, { accountId: acme, firstName: 'Hanako', lastName: 'Sato' });
    inactive = await seedPerson(ctx.db, { accountId: acme, active: false });
    stranger = await seedPerson(ctx.db, { accountId: globex });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    number = (await (await as(contact)).post('/api/cases', { type: 'portal_issue', subject: 'Dongle not found', description: 'USB' })).json().number;
  });
  afterAll(() => ctx.close());

  const post = async (person: Person, url: string, payload: object) => (await as(person)).post(url, payload);

  it('lets the contact add a colleague of the same account, and no one else', async () => {
    const before = (await (await as(contact)).get(`/api/cases/${number}/watchers`)).json();
    expect(before).toMatchObject({ items: [], canManage: true });
    expect(before.candidates.map((c: { id: number }) => c.id)).toEqual([colleague.id]);
    for (const personId of [stranger.id, agent.id, inactive.id, contact.id, 999_999]) {
      const refused = await post(contact, `/api/cases/${number}/watchers`, { personId });
      expect(refused.statusCode, String(personId)).toBe(400);
      expect(refused.json().messageKey).toBe('errors.watcherUnknown');
    }
    const added = await post(contact, `/api/cases/${number}/watchers`, { personId: colleague.id });
    expect(added.statusCode).toBe(200);
    expect(added.json().items).toEqual([{ id: colleague.id, name: 'Hanako Sato', email: colleague.email }]);
    const audit = await ctx.db.selectFrom('audit_events').selectAll().where('type', '=', 'case.watcher_added').execute();
    expect(audit).toMatchObject([{ person_id: colleague.id, actor_id: contact.id }]);
  });

  it('shows the watcher the case under "cases I follow"; they read and comment but do not decide', async () => {
    const watcher = await as(colleague);
    expect((await watcher.get('/api/cases?scope=following')).json().items.map((c: { number: string }) => c.number)).toEqual([number]);
    expect((await watcher.get('/api/cases')).json().items).toEqual([]);
    const page = await watcher.get(`/api/cases/${number}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().allowed).toEqual(['customer_comment', 'add_attachment']);
    expect((await watcher.post(`/api/cases/${number}/comments`, { body: 'We see it too.' })).statusCode).toBe(200);
    expect((await watcher.post(`/api/cases/${number}/close`, { comment: '' })).statusCode).toBe(403);
    expect((await watcher.get(`/api/cases/${number}/watchers`)).json()).toMatchObject({ canManage: false, candidates: [] });
    // The case page's answer carries the same watchers for a customer, and none for support staff.
    expect(page.json().watchers).toEqual((await watcher.get(`/api/cases/${number}/watchers`)).json());
    expect((await (await as(contact)).get(`/api/cases/${number}`)).json().watchers).toEqual((await (await as(contact)).get(`/api/cases/${number}/watchers`)).json());
    expect((await (await as(contact)).get(`/api/cases/${number}`)).json().watchers).toMatchObject({ items: [{ id: colleague.id }], canManage: true });
    expect((await (await as(agent)).get(`/api/cases/${number}`)).json().watchers).toBeNull();
    // Someone of another account learns nothing, watcher or not.
    expect((await (await as(stranger)).get(`/api/cases/${number}`)).statusCode).toBe(404);
    expect((await post(stranger, `/api/cases/${number}/watchers`, { personId: stranger.id })).statusCode).toBe(404);
  });

  it('mails the contact and the watchers, each as they chose, never the one who wrote', async () => {
    const commented = async () => {
      await post(agent, `/api/cases/${number}/comments`, { body: `Update ${Date.now()}` });
      return [contact, colleague].map(async (person) => (await mailsTo(ctx.db, person.email)).filter((m) => m.subject === `Case ${number} comments added`).length);
    };
    const before = await Promise.all(await commented());
    // The colleague's own comment earlier reached the contact only.
    expect(before[0]).toBe(2);
    expect(before[1]).toBe(1);
    const off = await (await as(colleague)).request({ method: 'PUT', url: '/api/me/case-mails', payload: { opened: true, commented: false, resolved: true, closed: true } });
    expect(off.statusCode).toBe(200);
    expect(off.json().caseMails).toEqual({ opened: true, commented: false, resolved: true, closed: true });
    expect(await Promise.all(await commented())).toEqual([3, 1]);
    const bad = await (await as(colleague)).request({ method: 'PUT', url: '/api/me/case-mails', payload: { commented: 'no' } });
    expect(bad.statusCode).toBe(400);
  });

  it('lets a watcher leave, after which the case is theirs no more', async () => {
    const watcher = await as(colleague);
    expect((await watcher.request({ method: 'DELETE', url: `/api/cases/${number}/watchers/${colleague.id}` })).statusCode).toBe(200);
    expect((await watcher.get(`/api/cases/${number}`)).statusCode).toBe(404);
    expect((await (await as(stranger)).request({ method: 'DELETE', url: `/api/cases/${number}/watchers/${contact.id}` })).statusCode).toBe(404);
  });
});
