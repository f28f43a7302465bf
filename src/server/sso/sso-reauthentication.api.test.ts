import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '../test/oidc.ts';
import { createTestApp, databaseKinds, latestPasscode, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

const PORTAL = 'http://portal.test';
const REDIRECT_URI = `${PORTAL}/api/auth/sso/callback`;

describe.each(databaseKinds)('"Confirm it’s you" by signing in again at the organisation’s provider (%s)', (kind) => {
  let ctx: TestContext;
  let oidc: TestOidcProvider;
  let acme: { id: number };

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    oidc = await startOidcProvider(REDIRECT_URI);
    acme = await seedAccount(ctx.db, 'Acme Corporation');
    const admin = await signIn(ctx, await seedPerson(ctx.db, { email: 'admin@vendor.example', roles: ['admin'] }));
    const saved = await admin.request({
      method: 'PUT',
      url: `/api/admin/accounts/${acme.id}/identity-provider`,
      payload: { issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, domains: ['acme.example'], mfaAcrValues: [] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(async () => {
    await oidc.close();
    await ctx.close();
  });

  const lastAudit = async (type: string) => {
    const row = await ctx.db.selectFrom('audit_events').selectAll().where('type', '=', type).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
  };
  /** The sensitive action of these tests: a personal access token needs a recent sign-in. */
  const createToken = (client: TestClient) => client.post('/api/me/access-tokens', { name: 'Monitoring', scopes: ['cases:read'], expiresInDays: 30 });

  /**
   * A contact signed in through the provider (which asserted MFA) six minutes ago: past the recent
   * sign-in's five. The portal's clock follows the real one here, as the provider's `auth_time` does.
   */
  async function staleSession(email: string, accountId = acme.id) {
    await seedPerson(ctx.db, { accountId, email });
    oidc.user(email, { amr: ['pwd', 'mfa'] });
    ctx.clock.set(Date.now() - 6 * MINUTE);
    const client = new TestClient(ctx.app);
    const start = await client.post('/api/auth/sso/start', { email });
    const back = await signInAtProvider(start.json().redirectUrl, email);
    expect((await client.get(back.pathname + back.search)).headers.location).toBe(`${PORTAL}/login`);
    ctx.clock.set(Date.now());
    expect((await client.get('/api/session')).json().stage).toBe('active');
    const refused = await createToken(client);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().messageKey).toBe('errors.reauthenticate');
    return client;
  }

  /** "Sign in again at Acme Corporation": to the provider as `atProvider`, and back. */
  async function confirmAtProvider(client: TestClient, atProvider: string, returnTo = '/my-account') {
    const start = await client.post('/api/auth/sso/reauthenticate', { returnTo });
    expect(start.statusCode, start.body).toBe(200);
    const back = await signInAtProvider(start.json().redirectUrl, atProvider);
    const callback = await client.get(back.pathname + back.search);
    expect(callback.statusCode).toBe(302);
    return { start, back, callback };
  }

  it('makes a stale session recent when the provider checked the same person again just now, and returns to the page', async () => {
    const client = await staleSession('kenji@acme.example');
    expect((await client.get('/api/auth/sso/reauthenticate')).json()).toEqual({ organisation: 'Acme Corporation', secondFactorDue: false });

    const { start, callback } = await confirmAtProvider(client, 'kenji@acme.example', '/my-account?tab=tokens#new');
    const asked = new URL(start.json().redirectUrl).searchParams;
    expect({ prompt: asked.get('prompt'), maxAge: asked.get('max_age'), method: asked.get('code_challenge_method') }).toEqual({ prompt: 'login', maxAge: '0', method: 'S256' });
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(callback.headers.location).toBe(`${PORTAL}/my-account?tab=tokens&confirm=confirmed#new`);

    expect((await createToken(client)).statusCode).toBe(201);
    const audit = await lastAudit('reauthenticated');
    expect(audit.detail).toMatchObject({ method: 'sso', providerAssertedMfa: true });
    const session = await ctx.db.selectFrom('sessions').select(['second_factor', 'authenticated_at']).where('person_id', '=', audit.person_id!).executeTakeFirstOrThrow();
    expect(session).toEqual({ second_factor: 'sso', authenticated_at: ctx.clock() });
  });

  it('counts a proof without the provider’s MFA as the password only: the portal’s own second factor follows', async () => {
    const client = await staleSession('no.mfa@acme.example');
    oidc.user('no.mfa@acme.example', { amr: ['pwd'] });
    expect((await confirmAtProvider(client, 'no.mfa@acme.example')).callback.headers.location).toBe(`${PORTAL}/my-account?confirm=second_factor`);
    expect((await createToken(client)).statusCode).toBe(403);
    expect((await client.get('/api/auth/sso/reauthenticate')).json()).toEqual({ organisation: 'Acme Corporation', secondFactorDue: true });

    expect((await client.post('/api/auth/reauthenticate', { sso: true })).json()).toEqual({ done: false, factor: 'email' });
    const done = await client.post('/api/auth/reauthenticate', { sso: true, code: await latestPasscode(ctx.db, 'no.mfa@acme.example') });
    expect(done.json()).toEqual({ done: true });
    expect((await createToken(client)).statusCode).toBe(201);
    expect((await lastAudit('reauthenticated')).detail).toMatchObject({ method: 'email', via: 'sso' });
    // The provider's proof stood for the password once.
    expect((await client.post('/api/auth/reauthenticate', { sso: true })).json().messageKey).toBe('sso.errors.reproofMissing');
  });

  it('holds to the account’s second-factor rule as the sign-in does: the provider’s MFA meets any rule; without it, the rule’s own factor follows', async () => {
    const globex = await seedAccount(ctx.db, 'Globex');
    ctx.clock.set(Date.now());
    const admin = await signIn(ctx, await seedPerson(ctx.db, { roles: ['admin'] }));
    const saved = await admin.request({
      method: 'PUT',
      url: `/api/admin/accounts/${globex.id}/identity-provider`,
      payload: { issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, domains: ['globex.example'], mfaAcrValues: ['urn:acme:mfa'] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.request({ method: 'PUT', url: `/api/accounts/${globex.id}/second-factor-policy`, payload: { policy: 'passkey_only' } })).statusCode).toBe(200);
    const client = await staleSession('rule@globex.example', globex.id);

    // Without the provider's MFA: under "passkey only" an e-mailed code cannot follow, a passkey must.
    oidc.user('rule@globex.example', { amr: ['pwd'] });
    expect((await confirmAtProvider(client, 'rule@globex.example')).callback.headers.location).toBe(`${PORTAL}/my-account?confirm=second_factor`);
    expect((await client.post('/api/auth/reauthenticate', { sso: true })).json()).toEqual({ done: false, factor: 'passkey' });
    expect((await client.post('/api/auth/reauthenticate', { sso: true, code: '123456' })).json()).toEqual({ done: false, factor: 'passkey' });
    expect((await createToken(client)).statusCode).toBe(403);

    // With it (a listed acr), the session is proven again and stays within the rule.
    oidc.user('rule@globex.example', { amr: ['pwd'], acr: 'urn:acme:mfa' });
    expect((await confirmAtProvider(client, 'rule@globex.example')).callback.headers.location).toBe(`${PORTAL}/my-account?confirm=confirmed`);
    expect((await client.get('/api/session')).json().stage).toBe('active');
    expect((await createToken(client)).statusCode).toBe(201);
  });

  it('refuses an ID token of another person and leaves the session stale', async () => {
    const client = await staleSession('hanako@acme.example');
    await seedPerson(ctx.db, { accountId: acme.id, email: 'colleague@acme.example' });
    oidc.user('colleague@acme.example', { amr: ['pwd', 'mfa'] });
    const { callback } = await confirmAtProvider(client, 'colleague@acme.example');
    expect(callback.headers.location).toBe(`${PORTAL}/my-account?confirm=other_person`);
    expect((await lastAudit('sso.refused')).detail).toMatchObject({ reason: 'other_person', purpose: 'reauthentication', sessionEmail: 'hanako@acme.example' });
    expect((await createToken(client)).statusCode).toBe(403);
    expect((await client.get('/api/session')).json().stage).toBe('active');
  });

  it('refuses an answer whose state is not this browser’s, or that another session started', async () => {
    const client = await staleSession('state@acme.example');
    const start = await client.post('/api/auth/sso/reauthenticate', { returnTo: '/my-account' });
    const back = await signInAtProvider(start.json().redirectUrl, 'state@acme.example');
    const forged = new URL(back.href);
    forged.searchParams.set('state', 'a-state-this-browser-never-had');
    expect((await client.get(forged.pathname + forged.search)).headers.location).toBe(`${PORTAL}/my-account?confirm=expired`);
    expect((await lastAudit('sso.refused')).detail).toMatchObject({ reason: 'state_mismatch' });
    expect((await createToken(client)).statusCode).toBe(403);

    // The same person's other browser, handed this one's answer and state cookie, confirms nothing.
    const other = await signIn(ctx, { email: 'state@acme.example', password: 'violet-sunrise-kettle-42' });
    const started = await client.post('/api/auth/sso/reauthenticate', { returnTo: '/my-account' });
    const answer = await signInAtProvider(started.json().redirectUrl, 'state@acme.example');
    other.cookies.set('caseway_sso', client.cookies.get('caseway_sso')!);
    expect((await other.get(answer.pathname + answer.search)).headers.location).toBe(`${PORTAL}/my-account?confirm=expired`);
    expect((await lastAudit('sso.refused')).detail).toMatchObject({ reason: 'session_mismatch', purpose: 'reauthentication' });
    expect((await createToken(client)).statusCode).toBe(403);
  });

  it('refuses an answer whose auth_time is not recent: the provider answered from an older sign-in of its own', async () => {
    const client = await staleSession('stale@acme.example');
    oidc.authTimeAgo(30 * 60);
    try {
      expect((await confirmAtProvider(client, 'stale@acme.example')).callback.headers.location).toBe(`${PORTAL}/my-account?confirm=stale`);
    } finally {
      oidc.authTimeAgo(null);
    }
    expect((await lastAudit('sso.refused')).detail).toMatchObject({ reason: 'stale_auth_time', purpose: 'reauthentication' });
    expect((await createToken(client)).statusCode).toBe(403);
  });

  it('returns only to a path of this portal: another origin is refused before the provider is asked', async () => {
    const client = await staleSession('paths@acme.example');
    for (const returnTo of ['https://evil.example/', '//evil.example/my-account', '/\\evil.example', '/\tevil', 'my-account', 'javascript:alert(1)', '/\\\\evil.example']) {
      const start = await client.post('/api/auth/sso/reauthenticate', { returnTo });
      expect(start.statusCode, returnTo).toBe(400);
      expect(start.json().messageKey).toBe('sso.errors.returnTo');
    }
    expect(await ctx.db.selectFrom('sso_sign_ins').select('state_hash').where('email', '=', 'paths@acme.example').execute()).toEqual([]);
    // An encoded path stays a path of this origin.
    const { callback } = await confirmAtProvider(client, 'paths@acme.example', '/%2F%2Fevil.example');
    expect(callback.headers.location).toBe(`${PORTAL}/%2F%2Fevil.example?confirm=confirmed`);
  });

  it('is not offered to a person whose address no provider answers for', async () => {
    const person = await seedPerson(ctx.db, { accountId: acme.id, email: 'someone@elsewhere.example' });
    const client = await signIn(ctx, person);
    expect((await client.get('/api/auth/sso/reauthenticate')).json()).toEqual({ organisation: null, secondFactorDue: false });
    const start = await client.post('/api/auth/sso/reauthenticate', { returnTo: '/my-account' });
    expect(start.statusCode).toBe(400);
    expect(start.json().messageKey).toBe('sso.errors.notSso');
  });
});
