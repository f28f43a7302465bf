import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;

describe.each(databaseKinds)('looking accounts up for the queue’s account filter (%s)', (kind) => {
  let ctx: TestContext;
  let acme: { id: number };
  let globex: { id: number };
  let agent: Person;
  let admin: Person;
  let contact: Person;
  let accountAdmin: Person;
  const clients = new Map<number, Promise<TestClient>>();
  const as = (person: Person) => {
    if (!clients.has(person.id)) clients.set(person.id, signIn(ctx, person));
    return clients.get(person.id)!;
  };
  const names = (body: { items: Array<{ name: string }> }) => body.items.map((item) => item.name);

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    acme = await seedAccount(ctx.db, 'Acme Japan K.K.');
    globex = await seedAccount(ctx.db, 'Globex');
    await seedAccount(ctx.db, 'Nordic acme');
    await seedAccount(ctx.db, '100%_Solutions');
    await seedAccount(ctx.db, '株式会社サンプル');
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'] });
    contact = await seedPerson(ctx.db, { accountId: acme.id });
    accountAdmin = await seedPerson(ctx.db, { accountId: acme.id, roles: ['account_admin', 'approver'] });
  });
  afterAll(() => ctx.close());

  it('lists the accounts whose name contains the typed text, in any case, by name, with their id and name only', async () => {
    const response = await (await as(agent)).get('/api/accounts?q=ACME');
    expect(response.statusCode).toBe(200);
    expect(names(response.json())).toEqual(['Acme Japan K.K.', 'Nordic acme']);
    expect(response.json().items[0]).toEqual({ id: acme.id, name: 'Acme Japan K.K.' });
    expect(names((await (await as(admin)).get(`/api/accounts?q=${encodeURIComponent('サンプル')}`)).json())).toEqual(['株式会社サンプル']);
  });

  it('takes % and _ as the characters typed, not as wildcards', async () => {
    const client = await as(agent);
    expect(names((await client.get('/api/accounts?q=%25_')).json())).toEqual(['100%_Solutions']);
    expect(names((await client.get('/api/accounts?q=_')).json())).toEqual(['100%_Solutions']);
  });

  it('answers at most `limit` accounts, and refuses a limit beyond 50 with a message', async () => {
    const client = await as(agent);
    expect((await client.get('/api/accounts?limit=2')).json().items).toHaveLength(2);
    const tooMany = await client.get('/api/accounts?limit=500');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/1 to 50 accounts/);
    expect((await client.get('/api/accounts?q=x&extra=1')).statusCode).toBe(400);
  });

  it('names one account by id for a filter kept in the address, and answers 404 for an unknown one', async () => {
    const client = await as(agent);
    expect((await client.get(`/api/accounts/${globex.id}`)).json()).toEqual({ id: globex.id, name: 'Globex' });
    expect((await client.get('/api/accounts/999999')).statusCode).toBe(404);
    const bad = await client.get('/api/accounts/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/account id is a positive whole number/);
  });

  it('refuses contacts, account administrators too, and visitors: nobody outside the vendor learns other customers’ names', async () => {
    for (const person of [contact, accountAdmin]) {
      const client = await as(person);
      for (const url of ['/api/accounts?q=glob', `/api/accounts/${globex.id}`, `/api/accounts/${acme.id}`]) {
        const response = await client.get(url);
        expect(response.statusCode, url).toBe(403);
        expect(response.body).not.toContain('Globex');
      }
    }
    const visitor = new TestClient(ctx.app);
    for (const url of ['/api/accounts?q=glob', `/api/accounts/${globex.id}`]) expect((await visitor.get(url)).statusCode).toBe(401);
  });

  it('lets an agent narrow the queue to the account found by name', async () => {
    const globexContact = await seedPerson(ctx.db, { accountId: globex.id });
    const opened: Record<string, string> = {};
    for (const [name, person] of [['acme', contact], ['globex', globexContact]] as const) {
      const response = await (await as(person)).post('/api/cases', { type: 'portal_issue', subject: `Issue of ${name}`, description: 'Details.' });
      expect(response.statusCode, response.body).toBe(201);
      opened[name] = response.json().number;
    }
    const client = await as(agent);
    const [found] = (await client.get('/api/accounts?q=glob')).json().items;
    const queue = (await client.get(`/api/queue?accountId=${found.id}`)).json().items as Array<{ number: string; accountName: string }>;
    expect(queue.map((item) => item.number)).toEqual([opened.globex]);
    expect(queue[0]!.accountName).toBe('Globex');
  });
});
