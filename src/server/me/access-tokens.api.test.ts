import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TOKEN_REQUESTS_PER_MINUTE } from '../auth/access-tokens.ts';
import { SECOND_FACTOR_FAILURE_LIMIT } from '../auth/second-factor.ts';
import { buildApp } from '../app.ts';
import { DAY } from '../lib/clock.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, testClock, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('Personal access tokens (%s)', (kind) => {
  let ctx: TestContext;
  let accountId: number;
  let productId: number;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db)).id;
    productId = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => ctx.close());

  const contact = () => seedPerson(ctx.db, { accountId });
  const newCase = () => ({ type: 'product_issue', productId, priority: 3, subject: 'Monitoring: license server down', description: 'Opened by the monitoring tool.' });
  const bearer = (token: string, options: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object; headers?: Record<string, string> }) =>
    ctx.app.inject({ method: options.method ?? 'GET', url: options.url, ...(options.payload ? { payload: options.payload } : {}), headers: { authorization: `Bearer ${token}`, ...options.headers } });

  async function tokenFor(client: TestClient, scopes: string[] = ['cases:read', 'cases:write'], expiresInDays = 30) {
    const created = await client.post('/api/me/access-tokens', { name: 'Monitoring', scopes, expiresInDays });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { token: string; accessToken: { id: number } };
  }

  it('is shown once, stored only as its hash, and listed with its dates but never the token', async () => {
    const person = await contact();
    const client = await signIn(ctx, person);
    const { token, accessToken } = await tokenFor(client);
    expect(token).toMatch(/^cw_pat_[A-Za-z0-9_-]{43}$/);
    const stored = await ctx.db.selectFrom('access_tokens').selectAll().where('id', '=', accessToken.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.slice('cw_pat_'.length));
    const list = await client.get('/api/me/access-tokens');
    expect(list.body).not.toContain(token);
    expect(list.json().items).toEqual([
      { id: accessToken.id, name: 'Monitoring', scopes: ['cases:read', 'cases:write'], createdAt: ctx.clock(), expiresAt: ctx.clock() + 30 * DAY, lastUsedAt: null, expired: false },
    ]);
  });

  it('acts as its person: opens a case, comments on it and lists it, with no CSRF token', async () => {
    const person = await contact();
    const { token } = await tokenFor(await signIn(ctx, person));
    const opened = await bearer(token, { method: 'POST', url: '/api/cases', payload: newCase() });
    expect(opened.statusCode, opened.body).toBe(201);
    const { number } = opened.json();
    expect((await bearer(token, { method: 'POST', url: `/api/cases/${number}/comments`, payload: { body: 'Still down.' } })).statusCode).toBe(200);
    const list = await bearer(token, { url: '/api/cases' });
    expect(list.json().items.map((item: { number: string }) => item.number)).toEqual([number]);
    const kase = await ctx.db.selectFrom('cases').select('contact_id').where('number', '=', number).executeTakeFirstOrThrow();
    expect(Number(kase.contact_id)).toBe(person.id);
    const used = (await ctx.db.selectFrom('access_tokens').select('last_used_at').where('person_id', '=', person.id).executeTakeFirstOrThrow()).last_used_at;
    expect(Number(used)).toBe(ctx.clock());
  });

  it('refuses another person’s case as not found, as the rest of the API does', async () => {
    const owner = await contact();
    const ownerToken = (await tokenFor(await signIn(ctx, owner))).token;
    const { number } = (await bearer(ownerToken, { method: 'POST', url: '/api/cases', payload: newCase() })).json();
    const stranger = await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db, 'Other Corp')).id });
    const strangerToken = (await tokenFor(await signIn(ctx, stranger))).token;
    expect((await bearer(strangerToken, { url: `/api/cases/${number}` })).statusCode).toBe(404);
    expect((await bearer(strangerToken, { method: 'POST', url: `/api/cases/${number}/comments`, payload: { body: 'Hi' } })).statusCode).toBe(404);
  });

  it('is held to its scopes: a cases:read token reads but cannot open a case', async () => {
    const { token } = await tokenFor(await signIn(ctx, await contact()), ['cases:read']);
    expect((await bearer(token, { url: '/api/cases' })).statusCode).toBe(200);
    const refused = await bearer(token, { method: 'POST', url: '/api/cases', payload: newCase() });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden', message: 'This access token lacks the cases:write scope.' });
  });

  it('cannot make tokens, change the password or the second factor, or reach anything a token is not for', async () => {
    const person = await contact();
    const { token } = await tokenFor(await signIn(ctx, person), ['cases:read', 'cases:write', 'kb:read', 'profile:read']);
    const attempts = [
      await bearer(token, { method: 'POST', url: '/api/me/access-tokens', payload: { name: 'More', scopes: ['cases:read'], expiresInDays: 30 } }),
      await bearer(token, { url: '/api/me/access-tokens' }),
      await bearer(token, { method: 'POST', url: '/api/auth/change-password', payload: { currentPassword: person.password, newPassword: 'another-long-passphrase-9', confirmPassword: 'another-long-passphrase-9' } }),
      await bearer(token, { method: 'POST', url: '/api/me/second-factor/email', payload: {} }),
      await bearer(token, { url: '/api/me/sessions' }),
      await bearer(token, { method: 'PATCH', url: '/api/me', payload: { phone: '03-0000-0000' } }),
    ];
    for (const answer of attempts) {
      expect(answer.statusCode, answer.body).toBe(403);
      expect(answer.json().message).toBe('An access token cannot do this; sign in to the portal instead.');
    }
    expect(await ctx.db.selectFrom('access_tokens').select('id').where('person_id', '=', person.id).execute()).toHaveLength(1);
    expect((await bearer(token, { url: '/api/me' })).json().email).toBe(person.email);
  });

  it('refuses expired, revoked and unknown tokens with a 401 that says which', async () => {
    const person = await contact();
    const client = await signIn(ctx, person);
    const expiring = (await tokenFor(client, ['cases:read'], 30)).token;
    const revoked = await tokenFor(client, ['cases:read']);
    const revoke = await client.post(`/api/me/access-tokens/${revoked.accessToken.id}/revoke`);
    expect(revoke.statusCode).toBe(200);
    const answers = {
      revoked: await bearer(revoked.token, { url: '/api/cases' }),
      unknown: await bearer(`cw_pat_${'A'.repeat(43)}`, { url: '/api/cases' }),
      malformed: await bearer('not-a-token', { url: '/api/cases' }),
    };
    expect(answers.revoked.statusCode).toBe(401);
    expect(answers.revoked.json()).toMatchObject({ code: 'unauthenticated', message: 'This access token was revoked. Create a new one in My Account.' });
    expect(answers.unknown.json()).toMatchObject({ code: 'unauthenticated', message: 'This access token is not valid.' });
    expect(answers.malformed.json()).toMatchObject({ code: 'unauthenticated', message: 'This is not a Caseway access token.' });
    const later = testClock(ctx.clock() + 30 * DAY);
    const app = await buildApp({ db: ctx.db, config: ctx.config, clock: later, webRoot: null });
    const expired = await app.inject({ url: '/api/cases', headers: { authorization: `Bearer ${expiring}` } });
    await app.close();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toBe('This access token has expired. Create a new one in My Account.');
    expect((await client.get('/api/me/access-tokens')).json().items.map((item: { expired: boolean }) => item.expired)).toEqual([false]);
  });

  it('stops working when its person is deactivated, or locked out by wrong second-factor codes', async () => {
    const deactivated = await contact();
    const locked = await contact();
    const tokens = [(await tokenFor(await signIn(ctx, deactivated))).token, (await tokenFor(await signIn(ctx, locked))).token];
    await ctx.db.updateTable('people').set({ active: 0 }).where('id', '=', deactivated.id).execute();
    await ctx.db.updateTable('people').set({ second_factor_failures: SECOND_FACTOR_FAILURE_LIMIT }).where('id', '=', locked.id).execute();
    for (const token of tokens) {
      const answer = await bearer(token, { url: '/api/cases' });
      expect(answer.statusCode).toBe(401);
      expect(answer.json().message).toBe('The person this access token belongs to cannot sign in now.');
    }
  });

  it('gets the same 404 as anyone at an address that is no route', async () => {
    const { token } = await tokenFor(await signIn(ctx, await contact()));
    const answer = await bearer(token, { url: '/api/nothing-here' });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().code).toBe('not_found');
  });

  it('refuses a request that carries both a session cookie and a token', async () => {
    const client = await signIn(ctx, await contact());
    const { token } = await tokenFor(client);
    const answer = await client.request({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${token}` } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toBe('Send either a session cookie or an access token, not both.');
  });

  it('is made only after a recent sign-in, and revoked only by its own person', async () => {
    const person = await contact();
    const client = await signIn(ctx, person);
    const { accessToken } = await tokenFor(client);
    const other = await signIn(ctx, await contact());
    expect((await other.post(`/api/me/access-tokens/${accessToken.id}/revoke`)).statusCode).toBe(404);
    ctx.clock.advance(10 * 60_000);
    const late = await client.post('/api/me/access-tokens', { name: 'Later', scopes: ['cases:read'], expiresInDays: 90 });
    expect(late.statusCode).toBe(403);
    expect(late.json().messageKey).toBe('errors.reauthenticate');
  });

  it('writes an audit row when a token is made and when it is revoked', async () => {
    const person = await contact();
    const client = await signIn(ctx, person);
    const { accessToken } = await tokenFor(client);
    await client.post(`/api/me/access-tokens/${accessToken.id}/revoke`);
    const rows = await ctx.db.selectFrom('audit_events').select(['type', 'detail']).where('person_id', '=', person.id).where('type', 'like', 'access_token.%').orderBy('id').execute();
    expect(rows.map((row) => [row.type, JSON.parse(row.detail).tokenId])).toEqual([
      ['access_token.created', accessToken.id],
      ['access_token.revoked', accessToken.id],
    ]);
  });
});

describe.each(databaseKinds)('Personal access tokens with rate limits and logs on (%s)', (kind) => {
  let ctx: TestContext;
  const written: string[] = [];
  const capture = (data: unknown) => void written.push(String(data));
  beforeAll(async () => {
    // Pino writes to file descriptor 1 through fs; what passes there is what a log collector gets.
    const write = fs.write;
    const writeSync = fs.writeSync;
    vi.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => (fd === 1 && capture(data), (write as Function)(fd, data, ...rest))) as typeof fs.write);
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => (fd === 1 && capture(data), (writeSync as Function)(fd, data, ...rest))) as typeof fs.writeSync);
    ctx = await createTestApp(kind, { RATE_LIMITS: 'true', LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await ctx.close();
    vi.restoreAllMocks();
  });

  it('limits each token on its own budget, and never writes a token to the log', async () => {
    const accountId = (await seedAccount(ctx.db)).id;
    const client = await signIn(ctx, await seedPerson(ctx.db, { accountId }));
    const make = async () => (await client.post('/api/me/access-tokens', { name: 'Sync', scopes: ['cases:read'], expiresInDays: 30 })).json().token as string;
    const [busy, quiet] = [await make(), await make()];
    const get = (token: string) => ctx.app.inject({ url: '/api/cases', headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < TOKEN_REQUESTS_PER_MINUTE; i++) expect((await get(busy)).statusCode).toBe(200);
    const limited = await get(busy);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'too_many_requests', message: 'This access token made too many requests. Wait a minute and try again.' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(quiet)).statusCode).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = written.join('');
    expect(log).toContain('request completed');
    for (const token of [busy, quiet]) expect(log).not.toContain(token.slice('cw_pat_'.length));
  });
});
