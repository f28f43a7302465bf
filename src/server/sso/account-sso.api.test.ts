import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { createTestApp, databaseKinds, latestPasscode, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('An account administrator manages their account’s single sign-on where the vendor allows it (%s)', (kind) => {
  let ctx: TestContext;
  let vendorAdmin: TestClient;
  let vendorAdminId: number;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const person = await seedPerson(ctx.db, { email: 'admin@vendor.example', roles: ['admin'] });
    vendorAdminId = person.id;
    vendorAdmin = await signIn(ctx, person);
  });
  afterAll(() => ctx.close());

  // Registering a provider reads nothing from its issuer: discovery happens at each sign-in.
  const settings = (domains: string[], overrides: Record<string, unknown> = {}) => ({ issuer: 'https://login.example.net/realms/customer', clientId: 'portal', clientSecret: 's3cret-of-the-customer', domains, mfaAcrValues: [], ...overrides });
  const url = (accountId: number) => `/api/accounts/${accountId}/identity-provider`;
  const put = (client: TestClient, accountId: number, body: object) => client.request({ method: 'PUT', url: url(accountId), payload: body });
  const remove = (client: TestClient, accountId: number) => client.request({ method: 'DELETE', url: url(accountId) });
  const allow = (accountId: number, allowed: unknown) => vendorAdmin.request({ method: 'PUT', url: `/api/admin/accounts/${accountId}/sso-self-service`, payload: { allowed } });
  const auditOf = (type: string, accountId: number) => ctx.db.selectFrom('audit_events').select(['actor_id', 'account_id', 'detail']).where('type', '=', type).where('account_id', '=', accountId).orderBy('id').execute();
  const providerOf = (accountId: number) => ctx.db.selectFrom('identity_providers').select(['issuer', 'client_id']).where('account_id', '=', accountId).executeTakeFirst();

  /** An account whose administrator is signed in; the vendor has allowed self-service unless told not to. */
  async function accountWithAdmin(name: string, { allowed = true } = {}) {
    const account = await seedAccount(ctx.db, name);
    if (allowed) expect((await allow(account.id, true)).statusCode).toBe(200);
    const admin = await seedPerson(ctx.db, { accountId: account.id, roles: ['account_admin'] });
    return { account, admin, client: await signIn(ctx, admin) };
  }

  it('is off until the vendor’s administrator allows it on the account’s page; the switch is audited and shown to both', async () => {
    const { account, client } = await accountWithAdmin('Mori Trading', { allowed: false });
    expect((await vendorAdmin.get(`/api/admin/accounts/${account.id}`)).json().ssoSelfService).toBe(false);
    const refused = await client.get(url(account.id));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ messageKey: 'sso.errors.selfServiceOff', message: expect.stringContaining('Ask them to change it, or to let your account administrators manage it') });
    expect((await put(client, account.id, settings(['mori.example']))).statusCode).toBe(403);
    expect(await providerOf(account.id)).toBeUndefined();

    const bad = await allow(account.id, 'yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('true or false');
    // Only the vendor's administrators turn it on.
    expect((await client.request({ method: 'PUT', url: `/api/admin/accounts/${account.id}/sso-self-service`, payload: { allowed: true } })).statusCode).toBe(403);
    expect((await vendorAdmin.request({ method: 'PUT', url: '/api/admin/accounts/999999/sso-self-service', payload: { allowed: true } })).statusCode).toBe(404);

    const allowed = await allow(account.id, true);
    expect(allowed.json()).toMatchObject({ id: account.id, ssoSelfService: true });
    expect((await client.get(`/api/contacts`)).json().account).toMatchObject({ id: account.id, ssoSelfService: true });
    expect((await client.get(url(account.id))).json()).toEqual({ provider: null, redirectUri: 'http://portal.test/api/auth/sso/callback' });
    // Setting it again to what it is changes nothing and records nothing.
    await allow(account.id, true);
    await allow(account.id, false);
    const events = await auditOf('account.sso_self_service_changed', account.id);
    expect(events.map((event) => [event.actor_id, JSON.parse(event.detail).allowed])).toEqual([
      [vendorAdminId, true],
      [vendorAdminId, false],
    ]);
  });

  it('lets the account’s administrator register, change and remove the provider, each audited with who and which account', async () => {
    const { account, admin, client } = await accountWithAdmin('Hoshino Robotics');
    const saved = await put(client, account.id, settings(['hoshino.example', 'Hoshino.co.jp']));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().provider).toMatchObject({ issuer: 'https://login.example.net/realms/customer', clientSecretSet: true, domains: ['hoshino.co.jp', 'hoshino.example'] });
    expect(saved.body).not.toContain('s3cret-of-the-customer');
    const { clientSecret: _kept, ...withoutSecret } = settings(['hoshino.example'], { clientId: 'portal-2' });
    expect((await put(client, account.id, withoutSecret)).json().provider).toMatchObject({ clientId: 'portal-2', clientSecretSet: true, domains: ['hoshino.example'] });
    expect((await client.get(url(account.id))).json().provider.clientId).toBe('portal-2');

    const removed = await remove(client, account.id);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().provider).toBeNull();
    expect(await providerOf(account.id)).toBeUndefined();
    expect((await remove(client, account.id)).statusCode).toBe(404);

    const saves = await auditOf('identity_provider.saved', account.id);
    expect(saves.map((event) => event.actor_id)).toEqual([admin.id, admin.id]);
    expect(saves.map((event) => JSON.parse(event.detail))).toEqual([
      expect.objectContaining({ by: 'account_admin', created: true, secretChanged: true, domains: ['hoshino.example', 'hoshino.co.jp'] }),
      expect.objectContaining({ by: 'account_admin', created: false, secretChanged: false, clientId: 'portal-2' }),
    ]);
    expect(JSON.stringify(saves)).not.toContain('s3cret-of-the-customer');
    const removals = await auditOf('identity_provider.removed', account.id);
    expect(removals).toEqual([{ actor_id: admin.id, account_id: account.id, detail: JSON.stringify({ by: 'account_admin', issuer: 'https://login.example.net/realms/customer' }) }]);
  });

  it('answers another account’s id as not found, refuses a plain contact, an approver and the vendor’s staff here, and bad input, changing nothing', async () => {
    const { account } = await accountWithAdmin('Acme Japan');
    const other = await accountWithAdmin('Globex Japan');
    const contact = await signIn(ctx, await seedPerson(ctx.db, { accountId: account.id }));
    const approver = await signIn(ctx, await seedPerson(ctx.db, { accountId: account.id, roles: ['approver'] }));

    for (const answer of [await other.client.get(url(account.id)), await put(other.client, account.id, settings(['acme-japan.example'])), await remove(other.client, account.id)]) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).not.toContain('Acme');
    }
    expect((await other.client.get(url(987654))).statusCode).toBe(404);
    for (const client of [contact, approver, vendorAdmin]) {
      const answer = await put(client, account.id, settings(['acme-japan.example']));
      expect(answer.statusCode).toBe(403);
      expect(answer.json().message).toBe('Only account administrators can manage their account’s single sign-on.');
    }
    expect((await new TestClient(ctx.app).get(url(account.id))).statusCode).toBe(401);

    const plainHttp = await put(other.client, other.account.id, settings(['globex-japan.example'], { issuer: 'http://login.globex.example' }));
    expect(plainHttp.statusCode).toBe(400);
    expect(plainHttp.json().message).toContain('The issuer URL must start with https://.');
    const badDomain = await put(other.client, other.account.id, settings(['not a domain']));
    expect(badDomain.statusCode).toBe(400);
    expect((await put(other.client, other.account.id, { ...settings(['globex-japan.example']), extra: true })).statusCode).toBe(400);
    const noSecret = await put(other.client, other.account.id, { ...settings(['globex-japan.example']), clientSecret: undefined });
    expect(noSecret.json().messageKey).toBe('sso.errors.secretRequired');
    expect((await other.client.request({ method: 'PUT', url: '/api/accounts/abc/identity-provider', payload: settings(['globex-japan.example']) })).statusCode).toBe(400);
    expect(await providerOf(account.id)).toBeUndefined();
    expect(await providerOf(other.account.id)).toBeUndefined();
  });

  it('refuses a domain in which another account has contacts or waiting registration requests, naming it; the vendor’s administrator may take it, and the trail says so', async () => {
    const { account, client } = await accountWithAdmin('Initech');
    const rival = await seedAccount(ctx.db, 'Initrode');
    await seedPerson(ctx.db, { accountId: rival.id, email: 'ceo@initrode.example', active: false });
    await ctx.db
      .insertInto('registration_requests')
      .values({ number: 'REG9000001', account_id: rival.id, email: 'newcomer@initrode.co.jp', first_name: 'Ken', last_name: 'Ito', time_zone: 'Asia/Tokyo', country_code: 'JP', phone: '', mobile: '', preferred_contact: 'portal', language: 'en', otp_method: 'email', state: 'requested', created_at: ctx.clock() })
      .execute();
    // The account's own people in a domain are no obstacle.
    await seedPerson(ctx.db, { accountId: account.id, email: 'peter@initech.example' });

    const byContact = await put(client, account.id, settings(['initech.example', 'initrode.example']));
    expect(byContact.statusCode).toBe(409);
    expect(byContact.json()).toMatchObject({ messageKey: 'sso.errors.domainInUse', field: 'domains', params: { domains: 'initrode.example' }, message: expect.stringContaining('People of another account use addresses in initrode.example') });
    const byRequest = await put(client, account.id, settings(['initrode.co.jp']));
    expect(byRequest.statusCode).toBe(409);
    expect(byRequest.json().params).toEqual({ domains: 'initrode.co.jp' });
    expect(await providerOf(account.id)).toBeUndefined();
    expect((await put(client, account.id, settings(['initech.example']))).statusCode).toBe(200);

    // A decided request no longer holds its domain.
    await ctx.db.updateTable('registration_requests').set({ state: 'rejected' }).where('number', '=', 'REG9000001').execute();
    expect((await put(client, account.id, settings(['initech.example', 'initrode.co.jp']))).statusCode).toBe(200);

    // The vendor may give a shared domain to one account (companies of one group); it is recorded.
    const byVendor = await vendorAdmin.request({ method: 'PUT', url: `/api/admin/accounts/${account.id}/identity-provider`, payload: settings(['initech.example', 'initrode.example']) });
    expect(byVendor.statusCode, byVendor.body).toBe(200);
    const last = (await auditOf('identity_provider.saved', account.id)).at(-1)!;
    expect(last.actor_id).toBe(vendorAdminId);
    expect(JSON.parse(last.detail)).toMatchObject({ by: 'vendor', domainsOfOtherAccounts: ['initrode.example'] });
    // What the vendor gave stays through the account administrator's unrelated change; adding more does not.
    expect((await put(client, account.id, settings(['initech.example', 'initrode.example'], { clientId: 'portal-2' }))).statusCode).toBe(200);
    await seedPerson(ctx.db, { accountId: rival.id, email: 'cfo@initrode.jp' });
    expect((await put(client, account.id, settings(['initech.example', 'initrode.example', 'initrode.jp']))).json().params).toEqual({ domains: 'initrode.jp' });
    // The rules both are held to: the staff's own domain, and a domain of another account's provider.
    expect((await put(client, account.id, settings(['vendor.example']))).json()).toMatchObject({ messageKey: 'sso.errors.staffDomain', params: { domains: 'vendor.example' } });
  });

  it('asks the account’s administrator for a recent sign-in before a change, not before a look', async () => {
    const { account, admin, client } = await accountWithAdmin('Yamato Logistics');
    ctx.clock.advance(6 * MINUTE);
    expect((await client.get(url(account.id))).statusCode).toBe(200);
    const stale = await put(client, account.id, settings(['yamato.example']));
    expect(stale.statusCode).toBe(403);
    expect(stale.json().messageKey).toBe('errors.reauthenticate');
    expect((await remove(client, account.id)).json().messageKey).toBe('errors.reauthenticate');
    expect(await providerOf(account.id)).toBeUndefined();

    expect((await client.post('/api/auth/reauthenticate', { password: admin.password })).json()).toEqual({ done: false, factor: 'email' });
    expect((await client.post('/api/auth/reauthenticate', { password: admin.password, code: await latestPasscode(ctx.db, admin.email) })).json()).toEqual({ done: true });
    expect((await put(client, account.id, settings(['yamato.example']))).statusCode).toBe(200);
    // The vendor's administrator signed in long before and is not asked, as on their other pages.
    expect((await vendorAdmin.request({ method: 'DELETE', url: `/api/admin/accounts/${account.id}/identity-provider` })).statusCode).toBe(200);
  });
});
