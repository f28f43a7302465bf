import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, signInAtProvider, type TestOidcProvider } from '../test/oidc.ts';
import { createTestApp, databaseKinds, latestPasscode, mailsTo, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

const REDIRECT_URI = 'http://portal.test/api/auth/sso/callback';

describe.each(databaseKinds)('Single sign-on with a customer’s OpenID Connect provider (%s)', (kind) => {
  let ctx: TestContext;
  let oidc: TestOidcProvider;
  let admin: TestClient;
  let acme: { id: number };
  let globex: { id: number };
  let approverEmail: string;
  let approver: TestClient;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    oidc = await startOidcProvider(REDIRECT_URI);
    acme = await seedAccount(ctx.db, 'Acme Corporation');
    globex = await seedAccount(ctx.db, 'Globex');
    const approverPerson = await seedPerson(ctx.db, { accountId: acme.id, email: 'approver@acme.example', roles: ['approver'] });
    approverEmail = approverPerson.email;
    approver = await signIn(ctx, approverPerson);
    admin = await signIn(ctx, await seedPerson(ctx.db, { email: 'admin@vendor.example', roles: ['admin'] }));
    const registered = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${acme.id}/identity-provider`, payload: providerSettings({ domains: ['acme.example', 'acme.co.jp'] }) });
    expect(registered.statusCode, registered.body).toBe(200);
    const other = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${globex.id}/identity-provider`, payload: providerSettings({ domains: ['globex.example'] }) });
    expect(other.statusCode, other.body).toBe(200);
  });
  afterAll(async () => {
    await oidc.close();
    await ctx.close();
  });

  const providerSettings = (overrides: Record<string, unknown> = {}) => ({ issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, domains: ['acme.example'], mfaAcrValues: ['urn:acme:mfa'], ...overrides });
  const auditOf = (type: string) => ctx.db.selectFrom('audit_events').selectAll().where('type', '=', type).orderBy('id', 'desc').execute();
  const lastRefusal = async () => JSON.parse((await auditOf('sso.refused'))[0]!.detail) as { reason: string };

  /** Login page → provider → back to the portal's callback; the callback's answer. */
  async function signInWithSso(email: string, client = new TestClient(ctx.app)) {
    const start = await client.post('/api/auth/sso/start', { email });
    expect(start.statusCode, start.body).toBe(200);
    const back = await signInAtProvider(start.json().redirectUrl, email);
    expect(back.href.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    const callback = await client.get(back.pathname + back.search);
    return { client, back, callback };
  }

  it('keeps the client secret encrypted and never shows it again; shows the redirect URI from PUBLIC_URL', async () => {
    const view = await admin.get(`/api/admin/accounts/${acme.id}/identity-provider`);
    expect(view.json()).toEqual({
      provider: { issuer: oidc.issuer, clientId: oidc.clientId, clientSecretSet: true, domains: ['acme.co.jp', 'acme.example'], mfaAcrValues: ['urn:acme:mfa'], updatedAt: ctx.clock() },
      redirectUri: REDIRECT_URI,
    });
    expect(view.body).not.toContain(oidc.clientSecret);
    const stored = await ctx.db.selectFrom('identity_providers').selectAll().where('account_id', '=', acme.id).executeTakeFirstOrThrow();
    expect(stored.client_secret_encrypted).not.toContain(oidc.clientSecret);
    const saved = JSON.parse((await auditOf('identity_provider.saved'))[0]!.detail);
    expect(JSON.stringify(saved)).not.toContain(oidc.clientSecret);
  });

  it('gives a domain to one account only, and never the vendor staff’s own domain', async () => {
    const taken = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${globex.id}/identity-provider`, payload: providerSettings({ domains: ['globex.example', 'acme.example'] }) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ messageKey: 'sso.errors.domainTaken', message: expect.stringContaining('acme.example') });
    const staff = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${globex.id}/identity-provider`, payload: providerSettings({ domains: ['vendor.example'] }) });
    expect(staff.statusCode).toBe(409);
    expect(staff.json().messageKey).toBe('sso.errors.staffDomain');
    const accountAdmin = await signIn(ctx, await seedPerson(ctx.db, { accountId: acme.id, email: 'hanako@acme.example', roles: ['account_admin'] }));
    // The account administrator's own path is left out: only the vendor's administrator registers a provider.
    expect((await accountAdmin.get(`/api/admin/accounts/${acme.id}/identity-provider`)).statusCode).toBe(403);
  });

  it('signs in an existing contact and asks the portal’s own second factor when the provider asserts none', async () => {
    const person = await seedPerson(ctx.db, { accountId: acme.id, email: 'kenji@acme.example' });
    expect((await new TestClient(ctx.app).post('/api/auth/sso/discover', { email: 'Kenji@Acme.example' })).json()).toEqual({ sso: true });
    const { client, callback } = await signInWithSso(person.email);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('http://portal.test/login');
    expect((await client.get('/api/session')).json().stage).toBe('email_code');
    const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
    expect(otp.json().stage).toBe('active');
    const audit = JSON.parse((await auditOf('sso.signed_in'))[0]!.detail);
    expect(audit).toMatchObject({ providerAssertedMfa: false, amr: ['pwd'] });
  });

  it('counts the provider’s multi-factor sign-in (amr or a listed acr) as the second factor', async () => {
    const byAmr = await seedPerson(ctx.db, { accountId: acme.id, email: 'mfa.amr@acme.example' });
    oidc.user(byAmr.email, { amr: ['pwd', 'otp', 'mfa'] });
    const first = await signInWithSso(byAmr.email);
    expect((await first.client.get('/api/session')).json().stage).toBe('active');

    const byAcr = await seedPerson(ctx.db, { accountId: acme.id, email: 'mfa.acr@acme.co.jp', otpMethod: 'app', totpSecret: 'JBSWY3DPEHPK3PXP' });
    oidc.user(byAcr.email, { amr: ['pwd'], acr: 'urn:acme:mfa' });
    const second = await signInWithSso(byAcr.email);
    expect((await second.client.get('/api/session')).json().stage).toBe('active');

    const notListed = await seedPerson(ctx.db, { accountId: acme.id, email: 'mfa.other@acme.example', otpMethod: 'app', totpSecret: 'JBSWY3DPEHPK3PXP' });
    oidc.user(notListed.email, { amr: ['pwd'], acr: 'urn:acme:password' });
    const third = await signInWithSso(notListed.email);
    expect((await third.client.get('/api/session')).json().stage).toBe('totp_verify');
  });

  it('meets the account’s second-factor policy with the provider’s own MFA only; without it the portal asks for a factor the policy accepts', async () => {
    expect((await admin.request({ method: 'PUT', url: `/api/accounts/${globex.id}/second-factor-policy`, payload: { policy: 'passkey_only' } })).statusCode).toBe(200);
    const withMfa = await seedPerson(ctx.db, { accountId: globex.id, email: 'mfa@globex.example' });
    oidc.user(withMfa.email, { amr: ['pwd', 'hwk'] });
    const first = await signInWithSso(withMfa.email);
    expect((await first.client.get('/api/session')).json().stage).toBe('active');
    expect((await first.client.get('/api/cases')).statusCode).toBe(200);

    const withoutMfa = await seedPerson(ctx.db, { accountId: globex.id, email: 'pwd@globex.example' });
    oidc.user(withoutMfa.email, { amr: ['pwd'] });
    const second = await signInWithSso(withoutMfa.email);
    expect((await second.client.get('/api/session')).json().stage).toBe('email_code');
    const otp = await second.client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, withoutMfa.email) });
    expect(otp.json().stage).toBe('factor_required');
    expect((await second.client.get('/api/cases')).statusCode).toBe(401);
  });

  it('files a registration request for someone not yet a contact, which waits for the account’s approver', async () => {
    oidc.user('newcomer@acme.example', { givenName: 'Yui', familyName: 'Tanaka', locale: 'ja-JP' });
    const { client, callback } = await signInWithSso('newcomer@acme.example');
    expect(callback.headers.location).toBe('http://portal.test/login/sso?outcome=requested');
    expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    const request = await ctx.db.selectFrom('registration_requests').selectAll().where('email', '=', 'newcomer@acme.example').executeTakeFirstOrThrow();
    expect(request).toMatchObject({ account_id: acme.id, first_name: 'Yui', last_name: 'Tanaka', language: 'ja', country_code: 'JP', state: 'requested' });
    expect((await mailsTo(ctx.db, approverEmail)).map((mail) => mail.subject)).toContain('Registration request for Acme Corporation requires your review');
    expect(await ctx.db.selectFrom('people').select('id').where('email', '=', 'newcomer@acme.example').executeTakeFirst()).toBeUndefined();

    const again = await signInWithSso('newcomer@acme.example');
    expect(again.callback.headers.location).toBe('http://portal.test/login/sso?outcome=pending');

    // Approved, the newcomer is told in their language to sign in with their organisation: no password.
    expect((await approver.post(`/api/registration/requests/${request.number}/approve`)).statusCode).toBe(200);
    const mail = (await mailsTo(ctx.db, 'newcomer@acme.example')).at(-1)!;
    expect(mail.subject).toBe('利用者登録が完了しました');
    expect(mail.text_body).toContain('「シングルサインオンで続行」を選択してください');
    expect(mail.text_body).not.toContain('仮パスワード');
  });

  /** Approves the waiting request of `email`; the mail it sends them. */
  async function approveRequestOf(email: string, by = approver) {
    const request = await ctx.db.selectFrom('registration_requests').select('number').where('email', '=', email).where('state', '=', 'requested').executeTakeFirstOrThrow();
    const approved = await by.post(`/api/registration/requests/${request.number}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    return (await mailsTo(ctx.db, email)).at(-1)!;
  }

  it('approves a newcomer of single sign-on without a password: the mail says to sign in with their organisation, and no password signs them in', async () => {
    oidc.user('ren.kato@acme.example', { givenName: 'Ren', familyName: 'Kato' });
    expect((await signInWithSso('ren.kato@acme.example')).callback.headers.location).toBe('http://portal.test/login/sso?outcome=requested');
    const mail = await approveRequestOf('ren.kato@acme.example');
    expect(mail.subject).toBe('Customer Registration Processed');
    expect(mail.text_body).toContain('You log in with your organisation\'s own sign-in (single sign-on)');
    expect(mail.text_body).toContain('choose "Continue with single sign-on"');
    expect(mail.text_body).toContain('http://portal.test/login');
    expect(mail.text_body).not.toMatch(/temporary password/i);
    expect(`${mail.text_body}${mail.html_body}`).not.toMatch(/\b[a-km-zA-HJ-NP-Z2-9]{20}\b/);

    const person = await ctx.db.selectFrom('people').selectAll().where('email', '=', 'ren.kato@acme.example').executeTakeFirstOrThrow();
    expect(person).toMatchObject({ account_id: acme.id, password_must_change: 0, password_expires_at: null });
    const audit = await ctx.db.selectFrom('audit_events').select('detail').where('type', '=', 'registration.approved').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ singleSignOn: true });
    // No password works; the provider signs them in, with no password to change on the way.
    expect((await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: 'violet-sunrise-kettle-42' })).statusCode).toBe(401);
    const { client } = await signInWithSso(person.email);
    const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
    expect(otp.json().stage).toBe('terms');
  });

  it('gives a newcomer a temporary password after all when their organisation’s provider was removed before the approval', async () => {
    const umbrella = await seedAccount(ctx.db, 'Umbrella');
    const umbrellaApprover = await signIn(ctx, await seedPerson(ctx.db, { accountId: umbrella.id, roles: ['approver'] }));
    expect((await admin.request({ method: 'PUT', url: `/api/admin/accounts/${umbrella.id}/identity-provider`, payload: providerSettings({ domains: ['umbrella.example'] }) })).statusCode).toBe(200);
    expect((await signInWithSso('alice@umbrella.example')).callback.headers.location).toBe('http://portal.test/login/sso?outcome=requested');
    expect((await admin.request({ method: 'DELETE', url: `/api/admin/accounts/${umbrella.id}/identity-provider` })).statusCode).toBe(200);
    const mail = await approveRequestOf('alice@umbrella.example', umbrellaApprover);
    expect(mail.text_body).toContain('Temporary password');
    const temporary = /Temporary password: (\S+)/.exec(mail.text_body)![1]!;
    expect((await new TestClient(ctx.app).post('/api/auth/login', { email: 'alice@umbrella.example', password: temporary })).json().stage).toBe('email_code');
  });

  it('refuses and audits an answer whose state is not the one this browser started with', async () => {
    const person = await seedPerson(ctx.db, { accountId: acme.id, email: 'state@acme.example' });
    const client = new TestClient(ctx.app);
    const start = await client.post('/api/auth/sso/start', { email: person.email });
    const back = await signInAtProvider(start.json().redirectUrl, person.email);
    back.searchParams.set('state', 'a-state-this-browser-never-had');
    const callback = await client.get(back.pathname + back.search);
    expect(callback.headers.location).toBe('http://portal.test/login/sso?outcome=expired');
    expect(await lastRefusal()).toMatchObject({ reason: 'state_mismatch' });
    expect((await client.get('/api/session')).json().stage).toBe('anonymous');
  });

  it('refuses and audits a replayed answer, and a replayed code under a fresh state', async () => {
    const person = await seedPerson(ctx.db, { accountId: acme.id, email: 'replay@acme.example' });
    const { client, back, callback } = await signInWithSso(person.email);
    expect(callback.headers.location).toBe('http://portal.test/login');

    const attacker = new TestClient(ctx.app);
    attacker.cookies.set('caseway_sso', back.searchParams.get('state')!);
    const replay = await attacker.get(back.pathname + back.search);
    expect(replay.headers.location).toBe('http://portal.test/login/sso?outcome=expired');
    expect(await lastRefusal()).toMatchObject({ reason: 'state_unknown' });

    // A fresh sign-in of the same browser, answered with the code already spent.
    const start = await client.post('/api/auth/sso/start', { email: person.email });
    const state = new URL(start.json().redirectUrl).searchParams.get('state')!;
    const forged = new URL(back.href);
    forged.searchParams.set('state', state);
    const reused = await client.get(forged.pathname + forged.search);
    expect(reused.headers.location).toBe('http://portal.test/login/sso?outcome=refused');
    expect(await lastRefusal()).toMatchObject({ reason: 'token_rejected' });
  });

  it('refuses and audits an ID token issued for another audience', async () => {
    const person = await seedPerson(ctx.db, { accountId: acme.id, email: 'audience@acme.example' });
    oidc.tokensForAnotherAudience(true);
    try {
      const { client, callback } = await signInWithSso(person.email);
      expect(callback.headers.location).toBe('http://portal.test/login/sso?outcome=refused');
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    } finally {
      oidc.tokensForAnotherAudience(false);
    }
    expect(await lastRefusal()).toMatchObject({ reason: 'token_rejected', error: expect.stringContaining('aud') });
  });

  it('refuses and audits an e-mail address the provider has not verified', async () => {
    const person = await seedPerson(ctx.db, { accountId: acme.id, email: 'unverified@acme.example' });
    oidc.user(person.email, { emailVerified: false });
    const { client, callback } = await signInWithSso(person.email);
    expect(callback.headers.location).toBe('http://portal.test/login/sso?outcome=unverified');
    expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    expect(await lastRefusal()).toMatchObject({ reason: 'email_unverified' });
  });

  it('refuses and audits an address of another account’s domain vouched for by this account’s provider', async () => {
    await seedPerson(ctx.db, { accountId: globex.id, email: 'ceo@globex.example' });
    const client = new TestClient(ctx.app);
    // The person types an Acme address, then signs in at Acme's provider as someone of Globex.
    const start = await client.post('/api/auth/sso/start', { email: 'someone@acme.example' });
    const back = await signInAtProvider(start.json().redirectUrl, 'ceo@globex.example');
    const callback = await client.get(back.pathname + back.search);
    expect(callback.headers.location).toBe('http://portal.test/login/sso?outcome=refused');
    expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    expect(await lastRefusal()).toMatchObject({ reason: 'domain_mismatch' });
  });

  it('refuses and audits a deactivated contact; never sends a contact of another account in this domain to this provider, and refuses one it vouches for', async () => {
    const gone = await seedPerson(ctx.db, { accountId: acme.id, email: 'gone@acme.example', active: false });
    const deactivated = await signInWithSso(gone.email);
    expect(deactivated.callback.headers.location).toBe('http://portal.test/login/sso?outcome=deactivated');
    expect(await lastRefusal()).toMatchObject({ reason: 'deactivated' });

    // Registered with Globex before Acme claimed the domain: Acme's provider does not sign them in to Globex.
    const elsewhere = await seedPerson(ctx.db, { accountId: globex.id, email: 'partner@acme.example' });
    const start = await new TestClient(ctx.app).post('/api/auth/sso/start', { email: elsewhere.email });
    expect(start.statusCode).toBe(400);
    expect(start.json().messageKey).toBe('sso.errors.notSso');
    // Were it sent there anyway (the sign-in started before the contact was added), the answer is refused.
    const sneaked = await seedPerson(ctx.db, { accountId: acme.id, email: 'moved@acme.example' });
    const client = new TestClient(ctx.app);
    const pending = await client.post('/api/auth/sso/start', { email: sneaked.email });
    expect(pending.statusCode).toBe(200);
    await ctx.db.updateTable('people').set({ account_id: globex.id }).where('id', '=', sneaked.id).execute();
    const back = await signInAtProvider(pending.json().redirectUrl, sneaked.email);
    expect((await client.get(back.pathname + back.search)).headers.location).toBe('http://portal.test/login/sso?outcome=refused');
    expect((await client.get('/api/session')).json().stage).toBe('anonymous');
    expect(await lastRefusal()).toMatchObject({ reason: 'other_account' });
  });

  it('refuses and audits a contact whose account wrong codes locked, even with the provider’s MFA: only a password reset opens it (NIST SP 800-63B §5.2.2)', async () => {
    const locked = await seedPerson(ctx.db, { accountId: acme.id, email: 'locked@acme.example' });
    await ctx.db.updateTable('people').set({ second_factor_failures: 20 }).where('id', '=', locked.id).execute();
    oidc.user(locked.email, { amr: ['pwd', 'mfa'] });
    const refused = await signInWithSso(locked.email);
    expect(refused.callback.headers.location).toBe('http://portal.test/login/sso?outcome=locked');
    expect((await refused.client.get('/api/session')).json().stage).toBe('anonymous');
    expect(await lastRefusal()).toMatchObject({ reason: 'second_factor_locked' });
  });

  it('keeps the saved secret when a change leaves it out, and accepts only an https issuer (or one on this machine)', async () => {
    const before = await ctx.db.selectFrom('identity_providers').select('client_secret_encrypted').where('account_id', '=', acme.id).executeTakeFirstOrThrow();
    const { clientSecret: _left, ...withoutSecret } = providerSettings({ domains: ['acme.example', 'acme.co.jp'] });
    const changed = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${acme.id}/identity-provider`, payload: withoutSecret });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await ctx.db.selectFrom('identity_providers').select('client_secret_encrypted').where('account_id', '=', acme.id).executeTakeFirstOrThrow();
    expect(after.client_secret_encrypted).toBe(before.client_secret_encrypted);

    const plain = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${acme.id}/identity-provider`, payload: providerSettings({ issuer: 'http://login.acme.example' }) });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().message).toContain('The issuer URL must start with https://.');
    const initech = await seedAccount(ctx.db, 'Initech without secret');
    const noSecret = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${initech.id}/identity-provider`, payload: { ...withoutSecret, domains: ['initech-nosecret.example'] } });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json().messageKey).toBe('sso.errors.secretRequired');
  });

  it('never sends a vendor staff address to a provider, even in a customer’s domain', async () => {
    const staff = await seedPerson(ctx.db, { email: 'consultant@acme.example', roles: ['agent'] });
    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/sso/discover', { email: staff.email })).json()).toEqual({ sso: false });
    const start = await client.post('/api/auth/sso/start', { email: staff.email });
    expect(start.statusCode).toBe(400);
    expect(start.json().messageKey).toBe('sso.errors.notSso');
    expect((await client.post('/api/auth/login', { email: staff.email, password: staff.password })).statusCode).toBe(200);
    expect((await client.post('/api/auth/sso/discover', { email: 'someone@example.com' })).json()).toEqual({ sso: false });
  });

  it('answers a clear message when the provider is down, and audits it', async () => {
    const initech = await seedAccount(ctx.db, 'Initech');
    const saved = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${initech.id}/identity-provider`, payload: providerSettings({ issuer: 'http://127.0.0.1:9/', domains: ['initech.example'] }) });
    expect(saved.statusCode, saved.body).toBe(200);
    const start = await new TestClient(ctx.app).post('/api/auth/sso/start', { email: 'peter@initech.example' });
    expect(start.statusCode).toBe(503);
    expect(start.json()).toMatchObject({ code: 'unavailable', messageKey: 'sso.errors.unavailable', message: expect.stringContaining('could not be reached') });
    expect(await lastRefusal()).toMatchObject({ reason: 'provider_unavailable' });
  });

  it('removes a provider, audited, after which its contacts are no longer sent to it', async () => {
    const removed = await admin.request({ method: 'DELETE', url: `/api/admin/accounts/${globex.id}/identity-provider` });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().provider).toBeNull();
    expect((await new TestClient(ctx.app).post('/api/auth/sso/discover', { email: 'ceo@globex.example' })).json()).toEqual({ sso: false });
    expect((await auditOf('identity_provider.removed')).filter((event) => event.account_id === globex.id)).toHaveLength(1);
  });
});
