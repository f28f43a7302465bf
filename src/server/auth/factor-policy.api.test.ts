import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { totpCodeAt } from '../lib/totp.ts';
import { SoftwareAuthenticator } from '../test/passkey-authenticator.ts';
import { createTestApp, databaseKinds, latestPasscode, mailsTo, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('The account-wide second-factor policy (%s)', (kind) => {
  let ctx: TestContext;
  let vendorAdmin: TestClient;
  const origin = 'http://portal.test';
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    vendorAdmin = await signIn(ctx, await seedPerson(ctx.db, { roles: ['admin'] }));
  });
  afterAll(() => ctx.close());

  const setPolicy = (client: TestClient, accountId: number, policy: string) => client.request({ method: 'PUT', url: `/api/accounts/${accountId}/second-factor-policy`, payload: { policy } });
  const stageOf = async (client: TestClient) => (await client.get('/api/session')).json().stage;

  /** A contact signed in with password and e-mailed code who then adds a passkey in My Account. */
  async function contactWithPasskey(accountId: number, options: Parameters<typeof seedPerson>[1] = {}) {
    const person = await seedPerson(ctx.db, { accountId, ...options });
    const client = await signIn(ctx, person);
    const authenticator = new SoftwareAuthenticator(origin);
    const begin = await client.post('/api/me/passkeys/options');
    const added = await client.post('/api/me/passkeys', { name: 'Laptop', credential: authenticator.register(begin.json()) });
    expect(added.statusCode, added.body).toBe(201);
    return { person, client, authenticator, passkeyId: added.json().id as number };
  }

  /** The passkey's answer to a challenge fetched from `url`. */
  async function passkeyAnswer(client: TestClient, authenticator: SoftwareAuthenticator, url: string) {
    const options = await client.post(url);
    expect(options.statusCode, options.body).toBe(200);
    return authenticator.assert(options.json());
  }

  it('is set by the account’s administrator for their own account and by the vendor’s for any; other accounts’ administrators and contacts are refused', async () => {
    const acme = await seedAccount(ctx.db, 'Acme');
    const globex = await seedAccount(ctx.db, 'Globex');
    const acmeAdmin = await signIn(ctx, await seedPerson(ctx.db, { accountId: acme.id, roles: ['account_admin'] }));
    const globexAdmin = await signIn(ctx, await seedPerson(ctx.db, { accountId: globex.id, roles: ['account_admin'] }));
    const contact = await signIn(ctx, await seedPerson(ctx.db, { accountId: acme.id }));

    const otherAccount = await setPolicy(globexAdmin, acme.id, 'app_or_passkey');
    expect(otherAccount.statusCode).toBe(404);
    expect(otherAccount.body).not.toContain('Acme');
    expect((await setPolicy(contact, acme.id, 'app_or_passkey')).statusCode).toBe(403);
    expect((await setPolicy(acmeAdmin, acme.id, 'sms')).json().message).toContain('The rule is any, app_or_passkey or passkey_only.');
    expect((await setPolicy(new TestClient(ctx.app), acme.id, 'app_or_passkey')).statusCode).toBe(401);

    const own = await setPolicy(acmeAdmin, acme.id, 'app_or_passkey');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({ id: acme.id, secondFactorPolicy: 'app_or_passkey' });
    expect((await setPolicy(vendorAdmin, globex.id, 'passkey_only')).json()).toEqual({ id: globex.id, secondFactorPolicy: 'passkey_only' });
    // The administrator's own session proved an e-mailed code: it too is asked for what the rule needs.
    expect(await stageOf(acmeAdmin)).toBe('factor_required');

    const listed = (await vendorAdmin.get(`/api/admin/accounts/${acme.id}`)).json();
    expect(listed.secondFactorPolicy).toBe('app_or_passkey');
  });

  it('audits every change and mails each of the account’s administrators, in their own language, whether it tightened or loosened the rule', async () => {
    const account = await seedAccount(ctx.db, 'Initech');
    const admin = await seedPerson(ctx.db, { accountId: account.id, roles: ['account_admin'], firstName: 'Mary', lastName: 'Smith' });
    const japaneseAdmin = await seedPerson(ctx.db, { accountId: account.id, roles: ['account_admin'], language: 'ja' });
    const plainContact = await seedPerson(ctx.db, { accountId: account.id });
    const client = await signIn(ctx, admin);

    expect((await setPolicy(client, account.id, 'passkey_only')).statusCode).toBe(200);
    const mail = (await mailsTo(ctx.db, admin.email)).at(-1)!;
    expect(mail.subject).toBe('Sign-in rule tightened for Initech');
    expect(mail.text_body).toContain('Mary Smith tightened the sign-in rule of Initech');
    expect(mail.text_body).toContain('must now use a passkey');
    expect(mail.text_body).toContain('asked to set it up at their next sign-in');
    const japanese = (await mailsTo(ctx.db, japaneseAdmin.email)).at(-1)!;
    expect(japanese.subject).toBe('Initech のサインイン ルールが強化されました');
    expect(japanese.text_body).toContain('二要素認証にパスキーを使用する必要があります');
    expect((await mailsTo(ctx.db, plainContact.email)).length).toBe(0);

    // A loosening, by the vendor here, is mailed as plainly: it is what a stolen session would do.
    expect((await setPolicy(vendorAdmin, account.id, 'app_or_passkey')).statusCode).toBe(200);
    const loosened = (await mailsTo(ctx.db, admin.email)).at(-1)!;
    expect(loosened.subject).toBe('Sign-in rule loosened for Initech');
    expect(loosened.text_body).toContain('loosened the sign-in rule of Initech');
    expect(loosened.text_body).toContain('may now use an authenticator app or a passkey (e-mailed codes still do not count)');
    expect(loosened.text_body).toContain('If you did not expect this change');
    const loosenedJa = (await mailsTo(ctx.db, japaneseAdmin.email)).at(-1)!;
    expect(loosenedJa.subject).toBe('Initech のサインイン ルールが緩和されました');
    expect(loosenedJa.text_body).toContain('認証アプリまたはパスキー（メールで届くコードは引き続き使用できません）を使用できます');
    expect(loosenedJa.text_body).toContain('心当たりのない変更の場合は');
    expect((await setPolicy(vendorAdmin, account.id, 'any')).statusCode).toBe(200);
    expect((await mailsTo(ctx.db, admin.email)).at(-1)!.text_body).toContain('may now use an e-mailed code, an authenticator app or a passkey');
    expect((await mailsTo(ctx.db, japaneseAdmin.email)).length).toBe(3);
    expect((await mailsTo(ctx.db, plainContact.email)).length).toBe(0);
    const events = await ctx.db.selectFrom('audit_events').select(['detail', 'actor_id']).where('type', '=', 'account.second_factor_policy_changed').where('account_id', '=', account.id).orderBy('id').execute();
    expect(events.map((event) => JSON.parse(event.detail))).toEqual([
      { from: 'any', to: 'passkey_only', tightened: true },
      { from: 'passkey_only', to: 'app_or_passkey', tightened: false },
      { from: 'app_or_passkey', to: 'any', tightened: false },
    ]);
    expect(events[0]!.actor_id).toBe(admin.id);
  });

  it('asks the account’s administrator for a recent sign-in before changing the rule, and changes nothing until then; the vendor’s administrator is not asked', async () => {
    const account = await seedAccount(ctx.db, 'Soylent');
    const admin = await seedPerson(ctx.db, { accountId: account.id, roles: ['account_admin'] });
    const client = await signIn(ctx, admin);
    ctx.clock.advance(6 * MINUTE);
    const stale = await setPolicy(client, account.id, 'app_or_passkey');
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ messageKey: 'errors.reauthenticate', message: expect.stringContaining('Confirm it is you') });
    const row = () => ctx.db.selectFrom('accounts').select('second_factor_policy').where('id', '=', account.id).executeTakeFirstOrThrow();
    expect((await row()).second_factor_policy).toBe('any');
    expect((await mailsTo(ctx.db, admin.email)).filter((mail) => mail.subject.startsWith('Sign-in rule'))).toEqual([]);

    expect((await client.post('/api/auth/reauthenticate', { password: admin.password })).json()).toEqual({ done: false, factor: 'email' });
    expect((await client.post('/api/auth/reauthenticate', { password: admin.password, code: await latestPasscode(ctx.db, admin.email) })).json()).toEqual({ done: true });
    expect((await setPolicy(client, account.id, 'app_or_passkey')).statusCode).toBe(200);
    // The vendor's administrator signed in at the start of this file, long before.
    expect((await setPolicy(vendorAdmin, account.id, 'any')).statusCode).toBe(200);
  });

  it('sends a contact with e-mailed codes under “app or passkey” from the code to pairing an authenticator app, and nothing else answers until then', async () => {
    const account = await seedAccount(ctx.db);
    await setPolicy(vendorAdmin, account.id, 'app_or_passkey');
    const person = await seedPerson(ctx.db, { accountId: account.id });
    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('email_code');
    const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
    expect(otp.json()).toEqual({ stage: 'factor_required' });

    const cases = await client.get('/api/cases');
    expect(cases.statusCode).toBe(401);
    expect(cases.json().message).toBe('Finish signing in first.');
    expect((await client.get('/api/auth/required-factor')).json()).toEqual({ policy: 'app_or_passkey', prove: { passkey: false, app: false }, setUp: true, appAccepted: true });

    const setup = (await client.get('/api/auth/totp/setup')).json();
    const paired = await client.post('/api/auth/totp/pair', { code: totpCodeAt(setup.secret, ctx.clock()) });
    expect(paired.json()).toEqual({ stage: 'active' });
    expect((await client.get('/api/cases')).statusCode).toBe(200);
    const stored = await ctx.db.selectFrom('people').select(['otp_method', 'totp_secret']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ otp_method: 'app', totp_secret: setup.secret });
  });

  it('ASVS 5.0 V6.4.3 / NIST SP 800-63B §6.1.2.1: a contact with a passkey is asked for it right after the password, and the password alone cannot set up a new factor', async () => {
    const account = await seedAccount(ctx.db);
    const { person, authenticator } = await contactWithPasskey(account.id);
    await setPolicy(vendorAdmin, account.id, 'app_or_passkey');
    const mailsBefore = (await mailsTo(ctx.db, person.email)).length;

    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('factor_required');
    expect((await mailsTo(ctx.db, person.email)).length).toBe(mailsBefore);
    expect((await client.get('/api/auth/required-factor')).json()).toEqual({ policy: 'app_or_passkey', prove: { passkey: true, app: false }, setUp: false, appAccepted: true });
    for (const refused of [await client.get('/api/auth/totp/setup'), await client.post('/api/auth/required-factor/passkey/options')]) {
      expect(refused.statusCode).toBe(403);
      expect(refused.json().messageKey).toBe('errors.factorSetUpNeedsProof');
    }
    expect((await client.get('/api/cases')).statusCode).toBe(401);

    const credential = await passkeyAnswer(client, authenticator, '/api/auth/passkey/second-factor/options');
    expect((await client.post('/api/auth/passkey/second-factor', { credential })).json()).toEqual({ stage: 'active' });
    expect((await client.get('/api/cases')).statusCode).toBe(200);
  });

  it('moves a signed-in session at its next request once the rule is tightened; the session then sets up a passkey and carries on', async () => {
    const account = await seedAccount(ctx.db);
    const person = await seedPerson(ctx.db, { accountId: account.id });
    const client = await signIn(ctx, person);
    expect((await client.get('/api/cases')).statusCode).toBe(200);

    await setPolicy(vendorAdmin, account.id, 'passkey_only');
    expect((await client.get('/api/cases')).statusCode).toBe(401);
    expect(await stageOf(client)).toBe('factor_required');
    expect((await client.get('/api/auth/required-factor')).json()).toMatchObject({ policy: 'passkey_only', setUp: true, appAccepted: false });
    // Under "passkey only" an authenticator app is not what the rule asks for.
    expect((await client.get('/api/auth/totp/setup')).json().messageKey).toBe('errors.passkeyRequired');

    const authenticator = new SoftwareAuthenticator(origin);
    const options = await client.post('/api/auth/required-factor/passkey/options');
    const added = await client.post('/api/auth/required-factor/passkey', { name: 'Phone', credential: authenticator.register(options.json()) });
    expect(added.json()).toEqual({ stage: 'active' });
    expect((await client.get('/api/cases')).statusCode).toBe(200);
  });

  it('ASVS 5.0 V6.4.3: a session the rule holds long after its sign-in cannot set up a factor with its cookie alone; signing in again can', async () => {
    const account = await seedAccount(ctx.db);
    const person = await seedPerson(ctx.db, { accountId: account.id });
    const client = await signIn(ctx, person);
    ctx.clock.advance(20 * MINUTE);
    expect((await client.get('/api/cases')).statusCode).toBe(200);
    await setPolicy(vendorAdmin, account.id, 'passkey_only');

    expect(await stageOf(client)).toBe('factor_required');
    expect((await client.get('/api/auth/required-factor')).json()).toMatchObject({ prove: { passkey: false, app: false }, setUp: false });
    const refused = await client.post('/api/auth/required-factor/passkey/options');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().messageKey).toBe('errors.factorSetUpNeedsProof');

    const again = new TestClient(ctx.app);
    await again.post('/api/auth/login', { email: person.email, password: person.password });
    expect((await again.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) })).json()).toEqual({ stage: 'factor_required' });
    expect((await again.post('/api/auth/required-factor/passkey/options')).statusCode).toBe(200);
  });

  it('under “passkey only”, “Confirm it’s you” asks an authenticator app’s owner for the passkey, not a code', async () => {
    const account = await seedAccount(ctx.db);
    const secret = 'JBSWY3DPEHPK3PXP';
    const person = await seedPerson(ctx.db, { accountId: account.id, otpMethod: 'app', totpSecret: secret });
    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('totp_verify');
    expect((await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json()).toEqual({ stage: 'active' });
    const authenticator = new SoftwareAuthenticator(origin);
    const begin = await client.post('/api/me/passkeys/options');
    expect((await client.post('/api/me/passkeys', { name: 'Laptop', credential: authenticator.register(begin.json()) })).statusCode).toBe(201);
    await setPolicy(vendorAdmin, account.id, 'passkey_only');
    const credential = await passkeyAnswer(client, authenticator, '/api/auth/passkey/second-factor/options');
    expect((await client.post('/api/auth/passkey/second-factor', { credential })).json()).toEqual({ stage: 'active' });

    expect((await client.post('/api/auth/reauthenticate', { password: person.password })).json()).toEqual({ done: false, factor: 'passkey' });
    ctx.clock.advance(30_000);
    expect((await client.post('/api/auth/reauthenticate', { password: person.password, code: totpCodeAt(secret, ctx.clock()) })).json()).toEqual({ done: false, factor: 'passkey' });
    expect(await stageOf(client)).toBe('active');
  });

  it('under “passkey only”, someone with a passkey and an authenticator app never paired proves the passkey after the password: no pairing with the password alone, none after it', async () => {
    const account = await seedAccount(ctx.db);
    const { person, authenticator } = await contactWithPasskey(account.id);
    await ctx.db.updateTable('people').set({ otp_method: 'app', totp_secret: null }).where('id', '=', person.id).execute();
    await setPolicy(vendorAdmin, account.id, 'passkey_only');

    const client = new TestClient(ctx.app);
    expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('factor_required');
    expect((await client.get('/api/auth/totp/setup')).statusCode).toBe(403);
    const credential = await passkeyAnswer(client, authenticator, '/api/auth/passkey/second-factor/options');
    expect((await client.post('/api/auth/passkey/second-factor', { credential })).json()).toEqual({ stage: 'active' });
  });

  it('never holds the vendor’s staff to an account’s rule', async () => {
    const account = await seedAccount(ctx.db);
    await setPolicy(vendorAdmin, account.id, 'passkey_only');
    const agent = await signIn(ctx, await seedPerson(ctx.db, { roles: ['agent'] }));
    expect(await stageOf(agent)).toBe('active');
  });

  it('refuses switching back to e-mailed codes and removing the passkey the rule needs; “Confirm it’s you” asks for a passkey instead of mailing a code', async () => {
    const account = await seedAccount(ctx.db);
    const { person, client, authenticator, passkeyId } = await contactWithPasskey(account.id);
    await setPolicy(vendorAdmin, account.id, 'passkey_only');
    // The session proved an e-mailed code: it proves its passkey first.
    const credential = await passkeyAnswer(client, authenticator, '/api/auth/passkey/second-factor/options');
    expect((await client.post('/api/auth/passkey/second-factor', { credential })).json()).toEqual({ stage: 'active' });

    const removed = await client.request({ method: 'DELETE', url: `/api/me/passkeys/${passkeyId}` });
    expect(removed.statusCode).toBe(409);
    expect(removed.json().messageKey).toBe('passkeys.errors.lastRequired');
    expect((await client.get('/api/me/passkeys')).json().items).toHaveLength(1);

    await setPolicy(vendorAdmin, account.id, 'app_or_passkey');
    const toEmail = await client.post('/api/me/second-factor/email');
    expect(toEmail.statusCode).toBe(409);
    expect(toEmail.json()).toMatchObject({ messageKey: 'errors.emailCodesNotAllowed', message: 'Your organisation does not allow e-mailed codes: keep your authenticator app or use a passkey.' });

    const mailsBefore = (await mailsTo(ctx.db, person.email)).length;
    const first = await client.post('/api/auth/reauthenticate', { password: person.password });
    expect(first.json()).toEqual({ done: false, factor: 'passkey' });
    expect((await mailsTo(ctx.db, person.email)).length).toBe(mailsBefore);
    expect((await client.post('/api/auth/reauthenticate', { password: person.password, code: '123456' })).json()).toEqual({ done: false, factor: 'passkey' });
    const answer = await passkeyAnswer(client, authenticator, '/api/auth/reauthenticate/passkey/options');
    expect((await client.post('/api/auth/reauthenticate', { password: person.password, credential: answer })).json()).toEqual({ done: true });
  });

  it('lists for administrators which contacts meet the rule and which do not, page by page', async () => {
    const account = await seedAccount(ctx.db);
    const admin = await seedPerson(ctx.db, { accountId: account.id, roles: ['account_admin'] });
    const withApp = await seedPerson(ctx.db, { accountId: account.id, otpMethod: 'app', totpSecret: 'JBSWY3DPEHPK3PXP' });
    const { person: withPasskey } = await contactWithPasskey(account.id);
    await setPolicy(vendorAdmin, account.id, 'passkey_only');

    const first = (await vendorAdmin.get(`/api/contacts?accountId=${account.id}&limit=2`)).json();
    expect(first.account).toMatchObject({ id: account.id, secondFactorPolicy: 'passkey_only' });
    const second = (await vendorAdmin.get(`/api/contacts?accountId=${account.id}&limit=2&after=${first.nextCursor}`)).json();
    const byId = new Map([...first.items, ...second.items].map((item: { id: number; secondFactor: unknown }) => [item.id, item.secondFactor]));
    expect(byId.get(admin.id)).toEqual({ app: false, passkey: false, meetsPolicy: false });
    expect(byId.get(withApp.id)).toEqual({ app: true, passkey: false, meetsPolicy: false });
    expect(byId.get(withPasskey.id)).toEqual({ app: false, passkey: true, meetsPolicy: true });
  });
});
