import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { recordAudit } from '../lib/audit.ts';
import { auditEventsQuery, type AuditFilter } from './audit.repository.ts';
import { HOUR } from '../lib/clock.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

type Person = Awaited<ReturnType<typeof seedPerson>>;
type Event = { id: number; at: number; type: string; actor: { name: string; email: string } | null; person: { name: string; email: string } | null; email: string | null; account: { name: string; customerIdentifier: string } | null; ip: string | null; detail: Record<string, string> };

describe.each(databaseKinds)('audit trail (%s)', (kind) => {
  let ctx: TestContext;
  let admin: Person;
  let agent: Person;
  let acmeAdmin: Person;
  let globexContact: Person;
  let acme: Awaited<ReturnType<typeof seedAccount>>;
  let adminClient: TestClient;
  const list = async (query = '') => {
    const answer = await adminClient.get(`/api/admin/audit${query}`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as { items: Event[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    acme = await seedAccount(ctx.db, 'Acme Japan');
    const globex = await seedAccount(ctx.db, 'Globex');
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'], firstName: 'Aiko', lastName: 'Admin' });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    acmeAdmin = await seedPerson(ctx.db, { accountId: acme.id, roles: ['account_admin'], firstName: 'Ichiro', lastName: 'Sato' });
    globexContact = await seedPerson(ctx.db, { accountId: globex.id });
    await signIn(ctx, acmeAdmin, new TestClient(ctx.app, '203.0.113.7'));
    ctx.clock.advance(HOUR);
    await signIn(ctx, globexContact);
    await new TestClient(ctx.app, '198.51.100.9').post('/api/auth/login', { email: 'nobody@unknown.example', password: 'wrong password 123' });
    ctx.clock.advance(HOUR);
    adminClient = await signIn(ctx, admin);
    await adminClient.request({ method: 'PUT', url: '/api/admin/settings/auto-close', payload: { hours: 168 } });
  });
  afterAll(() => ctx.close());

  it('is for vendor administrators only: 401 for visitors, 403 for agents and account administrators', async () => {
    const visitor = new TestClient(ctx.app);
    expect((await visitor.get('/api/admin/audit')).statusCode).toBe(401);
    expect((await visitor.get('/api/admin/audit/types')).statusCode).toBe(401);
    const otherAccount = await seedAccount(ctx.db, 'Initech');
    for (const person of [agent, await seedPerson(ctx.db, { accountId: otherAccount.id, roles: ['approver', 'account_admin'] })]) {
      const client = await signIn(ctx, person);
      const answer = await client.get('/api/admin/audit');
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toMatchObject({ code: 'forbidden', messageKey: 'errors.forbidden' });
      expect(answer.body).not.toContain('login.succeeded');
      expect((await client.get(`/api/admin/audit?account=${acme.identifier}`)).statusCode).toBe(403);
      expect((await client.get('/api/admin/audit/types')).statusCode).toBe(403);
    }
  });

  it('lists events newest first with when, who, what and from which address', async () => {
    const { items } = await list();
    expect(items.map((e) => e.at)).toEqual([...items.map((e) => e.at)].sort((a, b) => b - a));
    expect(items.find((e) => e.type === 'settings.auto_close_changed')).toMatchObject({ actor: { name: 'Aiko Admin', email: admin.email }, person: null, account: null, ip: '127.0.0.1', detail: { fromHours: '', toHours: '168', defaultDays: '10' } });
    const acmeLogin = items.find((e) => e.type === 'login.succeeded' && e.person?.email === acmeAdmin.email);
    expect(acmeLogin).toMatchObject({ person: { name: 'Ichiro Sato', email: acmeAdmin.email }, account: { name: 'Acme Japan', customerIdentifier: acme.identifier }, ip: '203.0.113.7' });
    const failed = items.find((e) => e.type === 'login.failed');
    expect(failed).toMatchObject({ email: 'nobody@unknown.example', person: null, account: null, ip: '198.51.100.9' });
    expect((await adminClient.get('/api/admin/audit/types')).json().items).toEqual(expect.arrayContaining(['login.succeeded', 'settings.terms_changed', 'logout']));
  });

  it('names people in the order of the administrator’s page language: 佐藤 一郎 in Japanese, 一郎 佐藤 in English', async () => {
    const named = await ctx.db.selectFrom('people').select('id').where('email', '=', acmeAdmin.email).executeTakeFirstOrThrow();
    await ctx.db.updateTable('people').set({ first_name: '一郎', last_name: '佐藤' }).where('id', '=', named.id).execute();
    try {
      const inJapanese = await adminClient.request({ method: 'GET', url: `/api/admin/audit?email=${encodeURIComponent(acmeAdmin.email)}&type=login.succeeded`, headers: { 'accept-language': 'ja' } });
      expect(inJapanese.json().items[0]).toMatchObject({ person: { name: '佐藤 一郎', email: acmeAdmin.email } });
      const inEnglish = await adminClient.request({ method: 'GET', url: `/api/admin/audit?email=${encodeURIComponent(acmeAdmin.email)}&type=login.succeeded`, headers: { 'accept-language': 'en' } });
      expect(inEnglish.json().items[0]).toMatchObject({ person: { name: '一郎 佐藤', email: acmeAdmin.email } });
    } finally {
      await ctx.db.updateTable('people').set({ first_name: 'Ichiro', last_name: 'Sato' }).where('id', '=', named.id).execute();
    }
  });

  it('filters by event type', async () => {
    const { items } = await list('?type=login.succeeded');
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((e) => e.type))).toEqual(new Set(['login.succeeded']));
  });

  it('filters by person: what happened to them, what they did, and what names their address', async () => {
    const acmeEvents = await list(`?email=${encodeURIComponent(acmeAdmin.email.toUpperCase())}`);
    expect(acmeEvents.items.map((e) => e.type).sort()).toEqual(['login.succeeded', 'second_factor.passed']);
    expect(acmeEvents.items.every((e) => e.person?.email === acmeAdmin.email)).toBe(true);
    const adminEvents = await list(`?email=${encodeURIComponent(admin.email)}&type=settings.auto_close_changed`);
    expect(adminEvents.items).toHaveLength(1);
    expect((await list('?email=nobody@unknown.example')).items.map((e) => e.type)).toEqual(['login.failed']);
  });

  it('filters by account, by its Customer Identifier written any way; the account of a person’s event is theirs', async () => {
    await recordAudit(ctx.db, { type: 'profile.updated', at: ctx.clock(), personId: globexContact.id, actorId: globexContact.id, detail: { fields: ['phone'] } });
    const identifier = acme.identifier.replace('-', '').toLowerCase();
    const { items } = await list(`?account=${identifier}`);
    expect(items.map((e) => e.type).sort()).toEqual(['login.succeeded', 'second_factor.passed']);
    expect(items.every((e) => e.account?.name === 'Acme Japan')).toBe(true);
    const globex = (await list(`?account=${(await ctx.db.selectFrom('accounts').select('customer_identifier').where('name', '=', 'Globex').executeTakeFirstOrThrow()).customer_identifier}`)).items;
    expect(globex[0]).toMatchObject({ type: 'profile.updated', detail: { fields: 'phone' }, account: { name: 'Globex' } });
    expect((await list('?account=ZZZZZ-ZZZZZ')).items).toEqual([]);
    const malformed = await adminClient.get('/api/admin/audit?account=nope');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'account', messageKey: 'errors.customerIdentifierInvalid' });
  });

  it('filters by time range, from inclusive, to exclusive, together with the other filters', async () => {
    const start = ctx.clock() - 2 * HOUR;
    const firstHour = await list(`?from=${start}&to=${start + HOUR}`);
    expect(firstHour.items.length).toBeGreaterThan(0);
    expect(firstHour.items.every((e) => e.at >= start && e.at < start + HOUR)).toBe(true);
    expect(firstHour.items.some((e) => e.person?.email === globexContact.email)).toBe(false);
    const secondHour = await list(`?type=login.succeeded&from=${start + HOUR}&to=${start + 2 * HOUR}`);
    expect(secondHour.items.map((e) => e.person?.email)).toEqual([globexContact.email]);
  });

  it('pages by keyset with no repeats and no gaps, also among events of the same moment', async () => {
    for (let i = 0; i < 5; i++) await recordAudit(ctx.db, { type: 'logout', at: ctx.clock(), personId: agent.id, detail: { i } });
    const all = (await list('?limit=100')).items.map((e) => e.id);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Event[]; nextCursor: string | null } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const logouts = (await list(`?type=logout&limit=3`));
    const rest = await list(`?type=logout&limit=3&cursor=${logouts.nextCursor}`);
    expect([...logouts.items, ...rest.items].map((e) => e.detail.i)).toEqual(['4', '3', '2', '1', '0']);
  });

  it('refuses bad filters with a message that says what to fix', async () => {
    const bad: Array<[string, RegExp]> = [
      ['?type=login.hacked', /type: Choose an event type from the list/],
      ['?email=not-an-address', /email: Enter a whole e-mail address/],
      ['?from=2000&to=1000', /to: The start of the time range must be before its end/],
      ['?from=yesterday', /from/],
      ['?limit=0', /limit/],
      ['?limit=101', /limit/],
      ['?accountId=1', /accountId/],
    ];
    for (const [query, message] of bad) {
      const answer = await adminClient.get(`/api/admin/audit${query}`);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json().message).toMatch(message);
    }
    const cursor = await adminClient.get('/api/admin/audit?cursor=garbage');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().messageKey).toBe('errors.badCursor');
  });

  it.runIf(kind === 'sqlite')('reads each filter from its index in page order, with no sort', async () => {
    const plan = async (filter: Omit<AuditFilter, 'limit'>) => {
      const compiled = auditEventsQuery(ctx.db, { ...filter, limit: 51 }).compile();
      const result = await ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return result.rows.map((r) => r.detail).join(' | ');
    };
    const after = { at: ctx.clock(), id: 1_000_000 };
    expect(await plan({ type: 'logout', after })).toMatch(/SEARCH e USING INDEX audit_events_type_idx \(type=\? AND at</);
    expect(await plan({ accountId: 1, from: 0, to: ctx.clock() })).toMatch(/USING INDEX audit_events_account_idx \(account_id=\? AND at>\? AND at<\?\)/);
    expect(await plan({ from: 0 })).toMatch(/USING INDEX audit_events_at_idx/);
    for (const filter of [{ type: 'logout' as const }, { accountId: 1 }, {}]) expect(await plan(filter)).not.toMatch(/TEMP B-TREE/);
  });
});
