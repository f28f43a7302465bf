import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { SoftwareAuthenticator, type Tampering } from '../test/passkey-authenticator.ts';
import { createTestApp, databaseKinds, lastMailTo, latestPasscode, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('Passkeys (%s)', (kind) => {
  let ctx: TestContext;
  let accountId: number;
  // testConfig's PUBLIC_URL: the relying party is portal.test, whatever Host a request names.
  const origin = 'http://portal.test';
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db)).id;
  });
  afterAll(() => ctx.close());

  /** Signs a seeded person in with password and code and adds a passkey named `name`. */
  async function personWithPasskey(options: Parameters<typeof seedPerson>[1] = {}, name = 'MacBook', authenticator = new SoftwareAuthenticator(origin)) {
    const person = await seedPerson(ctx.db, { accountId, ...options });
    const client = await signIn(ctx, person);
    const added = await addPasskey(client, authenticator, name);
    expect(added.statusCode, added.body).toBe(201);
    return { person, client, authenticator, passkey: added.json() as { id: number; name: string } };
  }

  async function addPasskey(client: TestClient, authenticator: SoftwareAuthenticator, name: string, tampering: Tampering = {}) {
    const options = await client.post('/api/me/passkeys/options');
    expect(options.statusCode, options.body).toBe(200);
    return client.post('/api/me/passkeys', { name, credential: authenticator.register(options.json(), tampering) });
  }

  /** A discoverable sign-in from a new browser: options, then the authenticator's answer. */
  async function passkeySignIn(authenticator: SoftwareAuthenticator, tampering: Tampering = {}, client = new TestClient(ctx.app)) {
    const options = await client.post('/api/auth/passkey/options');
    expect(options.statusCode, options.body).toBe(200);
    const credential = authenticator.assert(options.json(), tampering);
    return { client, credential, answer: await client.post('/api/auth/passkey', { credential }) };
  }

  const auditTypes = async (personId: number) => (await ctx.db.selectFrom('audit_events').select(['type', 'detail']).where('person_id', '=', personId).orderBy('id').execute()).map((row) => ({ type: row.type, detail: JSON.parse(row.detail) }));

  it('adds a passkey in My Account and signs in with it alone: no password, no code', async () => {
    const { person, client, authenticator, passkey } = await personWithPasskey();
    expect(passkey).toEqual({ id: expect.any(Number), name: 'MacBook', createdAt: ctx.clock(), lastUsedAt: null });
    const stored = await ctx.db.selectFrom('passkeys').selectAll().where('id', '=', passkey.id).executeTakeFirstOrThrow();
    expect(stored.credential_id).toBe(authenticator.credentialId);
    expect(stored.user_handle).toBe(authenticator.userHandle);
    // Opaque: 32 bytes from the server key, neither the id nor the address.
    expect(stored.user_handle).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { client: browser, answer } = await passkeySignIn(authenticator);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ stage: 'active' });
    expect((await browser.get('/api/session')).json().person.email).toBe(person.email);
    expect((await client.get('/api/me/passkeys')).json().items).toEqual([{ ...passkey, lastUsedAt: ctx.clock() }]);
    const types = (await auditTypes(person.id)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['passkey.added', 'passkey.used', 'login.succeeded']));
  });

  it('offers the same signature algorithms on every Node.js: EdDSA, ES256, RS256, never ML-DSA, which Node 22 cannot check', async () => {
    const client = await signIn(ctx, await seedPerson(ctx.db, { accountId }));
    const options = (await client.post('/api/me/passkeys/options')).json();
    expect(options.pubKeyCredParams.map((param: { alg: number }) => param.alg)).toEqual([-8, -7, -257]);
  });

  it('refuses a replayed assertion: its challenge served once, and a new challenge is not what it signed', async () => {
    const { authenticator } = await personWithPasskey();
    const { client, credential, answer } = await passkeySignIn(authenticator);
    expect(answer.statusCode).toBe(200);
    const again = await client.post('/api/auth/passkey', { credential });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'bad_request', message: 'This passkey request has expired or was already used. Try again.' });

    const elsewhere = new TestClient(ctx.app);
    expect((await elsewhere.post('/api/auth/passkey/options')).statusCode).toBe(200);
    const replayed = await elsewhere.post('/api/auth/passkey', { credential });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().message).toBe('This passkey could not be verified. Try again, or sign in with your password.');
    expect((await elsewhere.get('/api/session')).json().stage).toBe('anonymous');
  });

  it('refuses a challenge fetched by another browser: it is bound to the pre-sign-in cookie', async () => {
    const { authenticator } = await personWithPasskey();
    const other = new TestClient(ctx.app);
    const options = (await other.post('/api/auth/passkey/options')).json();
    const thief = new TestClient(ctx.app);
    const answer = await thief.post('/api/auth/passkey', { credential: authenticator.assert(options) });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toBe('This passkey request has expired or was already used. Try again.');
  });

  it('refuses a challenge older than five minutes', async () => {
    const { authenticator } = await personWithPasskey();
    const client = new TestClient(ctx.app);
    const options = (await client.post('/api/auth/passkey/options')).json();
    ctx.clock.advance(5 * MINUTE);
    const answer = await client.post('/api/auth/passkey', { credential: authenticator.assert(options) });
    expect(answer.json().message).toBe('This passkey request has expired or was already used. Try again.');
  });

  it('refuses an answer made for another origin or another RP id, whatever Host the request names', async () => {
    const { person, authenticator } = await personWithPasskey();
    for (const tampering of [{ origin: 'http://portal.test.evil.example' }, { origin: 'https://portal.test' }, { rpId: 'evil.example' }]) {
      const { client, answer } = await passkeySignIn(authenticator, tampering);
      expect(answer.statusCode, JSON.stringify(tampering)).toBe(400);
      expect(answer.json().message).toBe('This passkey could not be verified. Try again, or sign in with your password.');
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    }
    const forged = new TestClient(ctx.app);
    const options = await forged.request({ method: 'POST', url: '/api/auth/passkey/options', headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
    expect(options.json().rpId).toBe('portal.test');
    const answer = await forged.request({ method: 'POST', url: '/api/auth/passkey', headers: { host: 'evil.example' }, payload: { credential: authenticator.assert(options.json(), { origin: 'http://evil.example', rpId: 'evil.example' }) } });
    expect(answer.statusCode).toBe(400);
    const refusals = (await auditTypes(person.id)).filter((event) => event.type === 'passkey.refused');
    expect(refusals).toHaveLength(4);
  });

  it('refuses a registration made for another origin or RP id', async () => {
    const person = await seedPerson(ctx.db, { accountId });
    const client = await signIn(ctx, person);
    for (const tampering of [{ origin: 'http://evil.example' }, { rpId: 'evil.example' }]) {
      const added = await addPasskey(client, new SoftwareAuthenticator(origin), 'Phone', tampering);
      expect(added.statusCode).toBe(400);
      expect(added.json().message).toBe('The passkey could not be added. Try again.');
    }
    expect((await client.get('/api/me/passkeys')).json().items).toEqual([]);
  });

  it('refuses a counter that goes backwards or stays put: the credential may have been cloned', async () => {
    const { authenticator } = await personWithPasskey({}, 'YubiKey', new SoftwareAuthenticator(origin, 10));
    expect((await passkeySignIn(authenticator, { counter: 11 })).answer.statusCode).toBe(200);
    for (const counter of [5, 11]) {
      const { answer } = await passkeySignIn(authenticator, { counter });
      expect(answer.statusCode, `counter ${counter}`).toBe(400);
      expect(answer.json().message).toBe('This passkey could not be verified. Try again, or sign in with your password.');
    }
    expect((await passkeySignIn(authenticator, { counter: 12 })).answer.statusCode).toBe(200);
  });

  it('refuses an assertion whose user handle is not its credential’s, or that names none', async () => {
    const { authenticator } = await personWithPasskey();
    const { authenticator: others } = await personWithPasskey();
    for (const userHandle of [others.userHandle!, null]) {
      const { client, answer } = await passkeySignIn(authenticator, { userHandle });
      expect(answer.statusCode).toBe(400);
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    }
  });

  it('refuses an unknown credential with a message that says what to do', async () => {
    const { answer } = await passkeySignIn(Object.assign(new SoftwareAuthenticator(origin), { userHandle: 'AAAA' }));
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toBe('This passkey is not registered with the portal. Sign in with your password, then add it in My Account.');
  });

  it('lets no one rename, remove or sign the second factor with another person’s passkey', async () => {
    const owner = await personWithPasskey();
    const stranger = await seedPerson(ctx.db, { accountId });
    const client = await signIn(ctx, stranger);
    const renamed = await client.request({ method: 'PATCH', url: `/api/me/passkeys/${owner.passkey.id}`, payload: { name: 'Mine now' } });
    expect(renamed.statusCode).toBe(404);
    expect(renamed.json().message).toBe('There is no such passkey.');
    expect((await client.request({ method: 'DELETE', url: `/api/me/passkeys/${owner.passkey.id}` })).statusCode).toBe(404);
    // Registering the owner's credential id with a key of one's own claims nothing.
    const claimed = await addPasskey(client, new SoftwareAuthenticator(origin, 0, owner.authenticator.credentialId), 'Stolen');
    expect(claimed.statusCode).toBe(409);
    expect(claimed.json().message).toBe('This passkey is already registered.');
    expect((await owner.client.get('/api/me/passkeys')).json().items.map((item: { name: string }) => item.name)).toEqual(['MacBook']);
    expect((await passkeySignIn(owner.authenticator)).answer.json()).toEqual({ stage: 'active' });

    // The stranger, after their own password, offers the owner's passkey as their second factor.
    await seedPasskeyFor(stranger);
    const browser = new TestClient(ctx.app);
    expect((await browser.post('/api/auth/login', { email: stranger.email, password: stranger.password })).json().stage).toBe('email_code');
    const options = (await browser.post('/api/auth/passkey/second-factor/options')).json();
    const answer = await browser.post('/api/auth/passkey/second-factor', { credential: owner.authenticator.assert(options, { userHandle: null }) });
    expect(answer.statusCode).toBe(400);
    expect((await browser.get('/api/session')).json().stage).toBe('email_code');
  });

  async function seedPasskeyFor(person: { email: string; password: string }) {
    const client = await signIn(ctx, person);
    const authenticator = new SoftwareAuthenticator(origin);
    expect((await addPasskey(client, authenticator, 'Laptop')).statusCode).toBe(201);
    return authenticator;
  }

  it('serves as the second factor after the password, in place of the e-mailed code', async () => {
    const { person, authenticator } = await personWithPasskey();
    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('email_code');
    expect((await client.get('/api/session')).json().signIn).toEqual({ email: person.email, passkey: true });
    const options = (await client.post('/api/auth/passkey/second-factor/options')).json();
    expect(options.allowCredentials.map((item: { id: string }) => item.id)).toEqual([authenticator.credentialId]);
    const answer = await client.post('/api/auth/passkey/second-factor', { credential: authenticator.assert(options) });
    expect(answer.json()).toEqual({ stage: 'active' });
    expect((await client.get('/api/session')).json().person.email).toBe(person.email);
  });

  it('offers no passkey at the code step to a person who has none', async () => {
    const person = await seedPerson(ctx.db, { accountId });
    const client = new TestClient(ctx.app);
    await client.post('/api/auth/login', { email: person.email, password: person.password });
    expect((await client.get('/api/session')).json().signIn).toEqual({ email: person.email, passkey: false });
    const options = await client.post('/api/auth/passkey/second-factor/options');
    expect(options.statusCode).toBe(400);
    expect(options.json().message).toBe('You have no passkey yet. Enter the code instead.');
  });

  it('still leads through a forced password change and the terms, and keeps deactivated people out', async () => {
    const { person, authenticator } = await personWithPasskey();
    await ctx.db.updateTable('people').set({ password_must_change: 1 }).where('id', '=', person.id).execute();
    expect((await passkeySignIn(authenticator)).answer.json()).toEqual({ stage: 'change_password' });
    await ctx.db.updateTable('people').set({ password_must_change: 0, terms_version_accepted: null }).where('id', '=', person.id).execute();
    const { client, answer } = await passkeySignIn(authenticator);
    expect(answer.json()).toEqual({ stage: 'terms' });
    expect((await client.get('/api/cases')).statusCode).toBe(401);

    await ctx.db.updateTable('people').set({ active: 0 }).where('id', '=', person.id).execute();
    const refused = await passkeySignIn(authenticator);
    expect(refused.answer.statusCode).toBe(403);
    expect(refused.answer.json().message).toBe('Your access to the portal has been deactivated. Ask your account administrator to reactivate it.');
    expect((await refused.client.get('/api/session')).json().stage).toBe('anonymous');
  });

  it('renames at once, but removes only within minutes of proving the password and second factor', async () => {
    const { person, client, passkey } = await personWithPasskey();
    const renamed = await client.request({ method: 'PATCH', url: `/api/me/passkeys/${passkey.id}`, payload: { name: '  Work laptop ' } });
    expect(renamed.json()).toMatchObject({ id: passkey.id, name: 'Work laptop' });
    ctx.clock.advance(6 * MINUTE);
    const stale = await client.request({ method: 'DELETE', url: `/api/me/passkeys/${passkey.id}` });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().messageKey).toBe('errors.reauthenticate');
    const fresh = await signIn(ctx, person);
    expect((await fresh.request({ method: 'DELETE', url: `/api/me/passkeys/${passkey.id}` })).json()).toEqual({ id: passkey.id });
    expect((await fresh.get('/api/me/passkeys')).json().items).toEqual([]);
    const events = (await auditTypes(person.id)).filter((event) => event.type.startsWith('passkey.'));
    expect(events.map((event) => event.type)).toEqual(['passkey.added', 'passkey.renamed', 'passkey.removed']);
    expect(events[1]!.detail).toMatchObject({ from: 'MacBook', name: 'Work laptop' });
  });

  it('keeps passkeys through a password reset, which signs in with the temporary password and the e-mailed code, audited', async () => {
    const { person, authenticator } = await personWithPasskey();
    expect((await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: person.email })).statusCode).toBe(200);
    const temporaryPassword = /^\s{4}(\S{20})$/m.exec((await lastMailTo(ctx.db, person.email)).text_body)?.[1];
    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/login', { email: person.email, password: temporaryPassword })).json().stage).toBe('email_code');
    expect((await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) })).json().stage).toBe('change_password');
    const types = (await auditTypes(person.id)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset_used']));
    expect(await ctx.db.selectFrom('passkeys').select('id').where('person_id', '=', person.id).execute()).toHaveLength(1);
    expect((await passkeySignIn(authenticator)).answer.json()).toEqual({ stage: 'change_password' });
  });

  it('refuses bodies with unknown fields, bad names and the same device twice, with a readable message', async () => {
    const { client, authenticator } = await personWithPasskey();
    const options = (await client.post('/api/me/passkeys/options')).json();
    expect(options.excludeCredentials.map((item: { id: string }) => item.id)).toEqual([authenticator.credentialId]);
    const extra = await client.post('/api/me/passkeys', { name: 'Phone', credential: authenticator.register(options), admin: true });
    expect(extra.statusCode).toBe(400);
    const blank = await client.post('/api/me/passkeys', { name: '   ', credential: authenticator.register(options) });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().fields).toEqual([{ field: 'name', message: 'Enter a name.' }]);
    const twice = await addPasskey(client, authenticator, 'Again');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('This passkey is already registered.');
  });
});
