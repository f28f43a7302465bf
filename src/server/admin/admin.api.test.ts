import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  databaseKinds,
  lastMailTo,
  seedAccount,
  seedPerson,
  signIn,
  TestClient,
  uniqueEmail,
  type TestContext,
} from '../test/helpers.ts';

type Seeded = Awaited<ReturnType<typeof seedPerson>>;

describe.each(databaseKinds)('vendor administration (%s)', (kind) => {
  let ctx: TestContext;
  let acme: Awaited<ReturnType<typeof seedAccount>>;
  let globex: Awaited<ReturnType<typeof seedAccount>>;
  let admin: Seeded;
  let agent: Seeded;
  let accountAdmin: Seeded;
  let contact: Seeded;
  let adminClient: TestClient;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    acme = await seedAccount(ctx.db, 'Acme Japan K.K.');
    globex = await seedAccount(ctx.db, 'Globex Corporation');
    admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent', 'admin'], firstName: 'Aiko', lastName: 'Admin' });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Akira', lastName: 'Agent' });
    accountAdmin = await seedPerson(ctx.db, { accountId: acme.id, roles: ['account_admin', 'approver'], firstName: 'Kaori', lastName: 'Kanri' });
    contact = await seedPerson(ctx.db, { accountId: acme.id, firstName: 'Jiro', lastName: 'Tanaka' });
    adminClient = await signIn(ctx, admin);
  });
  afterAll(() => ctx.close());

  const patch = (client: TestClient, url: string, payload: object) => client.request({ method: 'PATCH', url, payload });
  const person = (email: string) => ctx.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
  const auditOf = (type: string) => ctx.db.selectFrom('audit_events').selectAll().where('type', '=', type).orderBy('id', 'desc').execute();
  const sessionsOf = async (id: number) => (await ctx.db.selectFrom('sessions').select('id').where('person_id', '=', id).execute()).length;
  /** What a refused request must leave untouched. */
  const snapshot = async () => ({
    accounts: await ctx.db.selectFrom('accounts').select(['id', 'name']).orderBy('id').execute(),
    people: await ctx.db.selectFrom('people').select(['id', 'email', 'active', 'language', 'time_zone']).orderBy('id').execute(),
    roles: await ctx.db.selectFrom('person_roles').select(['person_id', 'role']).orderBy('person_id').orderBy('role').execute(),
  });

  /** Every route of this module, each called with input that would succeed for an administrator. */
  const everyRoute = (client: TestClient, staffId: number) => [
    client.get('/api/admin/accounts'),
    client.post('/api/admin/accounts', { name: 'Sneaky Corp' }),
    client.get(`/api/admin/accounts/${acme.id}`),
    patch(client, `/api/admin/accounts/${acme.id}`, { name: 'Renamed by a stranger' }),
    client.get('/api/admin/staff'),
    client.post('/api/admin/staff', { email: uniqueEmail('sneaky'), firstName: 'S', lastName: 'N', role: 'admin', otpMethod: 'email' }),
    patch(client, `/api/admin/staff/${staffId}`, { language: 'ja', timeZone: 'Asia/Tokyo' }),
    client.post(`/api/admin/staff/${staffId}/deactivate`),
    client.post(`/api/admin/staff/${staffId}/reactivate`),
    client.get('/api/admin/registration-help'),
  ];

  describe('access', () => {
    it('answers 401 to a visitor on every route', async () => {
      const answers = await Promise.all(everyRoute(new TestClient(ctx.app), agent.id));
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(answers.length).fill(401));
    });

    it.each([
      ['an agent', () => agent],
      ['an account administrator', () => accountAdmin],
      ['a contact', () => contact],
    ])('answers 403 to %s on every route and changes nothing', async (_who, who) => {
      const before = await snapshot();
      const client = await signIn(ctx, who());
      const answers = [];
      // One after another: a deactivation let through would change what the next call sees.
      for (const call of everyRoute(client, admin.id)) answers.push(await call);
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(answers.length).fill(403));
      expect(answers.every((answer) => answer.json().messageKey === 'errors.forbidden')).toBe(true);
      expect(answers.map((answer) => answer.body).join('')).not.toContain('Globex');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('accounts', () => {
    it('creates an account and answers with its new Customer Identifier, grouped as XXXXX-XXXXX', async () => {
      const response = await adminClient.post('/api/admin/accounts', { name: '  Mori Trading Co.  ' });
      expect(response.statusCode).toBe(201);
      const created = response.json();
      expect(created).toEqual({ id: expect.any(Number), name: 'Mori Trading Co.', customerIdentifier: expect.stringMatching(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/), secondFactorPolicy: 'any', ssoSelfService: false, createdAt: ctx.clock() });
      const row = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(row.customer_identifier).toBe(created.customerIdentifier.replace('-', ''));
      const [audit] = await auditOf('account.created');
      expect(audit).toMatchObject({ actor_id: admin.id });
      expect(JSON.parse(audit!.detail)).toEqual({ accountId: created.id, name: 'Mori Trading Co.' });
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{}, 'name'],
      [{ name: 'Fine', customerIdentifier: 'AAAAABBBBB' }, ''],
    ])('refuses the account %j with 400 and creates nothing', async (body, field) => {
      const before = await snapshot();
      const response = await adminClient.post('/api/admin/accounts', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().messageKey).toBe('errors.validation');
      if (field) expect(response.json().fields[0].field).toBe(field);
      expect(await snapshot()).toEqual(before);
    });

    it('lists accounts by name, page by page', async () => {
      for (const name of ['Zeta Paging 1', 'Zeta Paging 2', 'Zeta Paging 3']) await adminClient.post('/api/admin/accounts', { name });
      const first = (await adminClient.get('/api/admin/accounts?q=zeta%20paging&limit=2')).json();
      expect(first.items.map((a: { name: string }) => a.name)).toEqual(['Zeta Paging 1', 'Zeta Paging 2']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await adminClient.get(`/api/admin/accounts?q=zeta%20paging&limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ name: 'Zeta Paging 3' })], nextCursor: null });

      const all = (await adminClient.get('/api/admin/accounts?limit=100')).json().items.map((a: { name: string }) => a.name);
      expect(all).toEqual([...all].sort());
      expect(all).toEqual(expect.arrayContaining(['Acme Japan K.K.', 'Globex Corporation']));
    });

    it('searches by part of the name in any case, and by a whole Customer Identifier', async () => {
      const byName = (await adminClient.get('/api/admin/accounts?q=GLOBEX')).json();
      expect(byName.items.map((a: { name: string }) => a.name)).toEqual(['Globex Corporation']);
      const byIdentifier = (await adminClient.get(`/api/admin/accounts?q=${acme.rawIdentifier.toLowerCase()}`)).json();
      expect(byIdentifier.items).toEqual([{ id: acme.id, name: 'Acme Japan K.K.', customerIdentifier: acme.identifier, secondFactorPolicy: 'any', ssoSelfService: false, createdAt: expect.any(Number) }]);
      // A percent sign is a character to look for, not a wildcard.
      expect((await adminClient.get('/api/admin/accounts?q=%25')).json().items).toEqual([]);
    });

    it('refuses a forged page cursor and unknown query fields', async () => {
      const forged = await adminClient.get(`/api/admin/accounts?cursor=${Buffer.from('[1,2]').toString('base64url')}`);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().messageKey).toBe('errors.badCursor');
      expect((await adminClient.get('/api/admin/accounts?cursor=not-json')).statusCode).toBe(400);
      expect((await adminClient.get('/api/admin/accounts?sort=name')).statusCode).toBe(400);
    });

    it('renames an account and records the old and new name', async () => {
      const created = (await adminClient.post('/api/admin/accounts', { name: 'Old Name Ltd' })).json();
      const response = await patch(adminClient, `/api/admin/accounts/${created.id}`, { name: 'New Name Ltd' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...created, name: 'New Name Ltd' });
      const [audit] = await auditOf('account.renamed');
      expect(audit).toMatchObject({ actor_id: admin.id });
      expect(JSON.parse(audit!.detail)).toEqual({ accountId: created.id, from: 'Old Name Ltd', to: 'New Name Ltd' });
    });

    it('refuses an empty or over-long new name, and an unknown or malformed id, changing nothing', async () => {
      const before = await snapshot();
      for (const name of ['', ' ', 'y'.repeat(201)]) {
        const response = await patch(adminClient, `/api/admin/accounts/${acme.id}`, { name });
        expect(response.statusCode).toBe(400);
      }
      expect((await patch(adminClient, '/api/admin/accounts/999999', { name: 'Ghost' })).statusCode).toBe(404);
      expect((await patch(adminClient, '/api/admin/accounts/abc', { name: 'Ghost' })).statusCode).toBe(400);
      expect((await patch(adminClient, '/api/admin/accounts/99999999999999999999', { name: 'Ghost' })).statusCode).toBe(400);
      expect((await adminClient.get('/api/admin/accounts/999999')).statusCode).toBe(404);
      expect(await snapshot()).toEqual(before);
    });

    it('lists the contacts of one account with their roles, state and last login, and no one else', async () => {
      // The account page reads the one Contacts list, which vendor administrators read for any account.
      await seedPerson(ctx.db, { accountId: globex.id, email: uniqueEmail('globex') });
      const gone = await seedPerson(ctx.db, { accountId: acme.id, active: false, firstName: 'Gone', lastName: 'Away' });
      const response = await adminClient.get(`/api/contacts?accountId=${acme.id}`);
      expect(response.statusCode).toBe(200);
      const { items, nextCursor } = response.json();
      expect(nextCursor).toBeNull();
      expect(items.map((c: { email: string }) => c.email)).toEqual([accountAdmin.email, contact.email, gone.email]);
      expect(items[0]).toEqual({ id: accountAdmin.id, firstName: 'Kaori', lastName: 'Kanri', email: accountAdmin.email, roles: expect.arrayContaining(['account_admin', 'approver']), active: true, lastLoginAt: expect.any(Number), isViewer: false, secondFactor: { app: false, passkey: false, meetsPolicy: true } });
      expect(items[2]).toMatchObject({ roles: [], active: false, lastLoginAt: null });
      expect(Object.keys(items[0]).sort()).toEqual(['active', 'email', 'firstName', 'id', 'isViewer', 'lastLoginAt', 'lastName', 'roles', 'secondFactor']);

      const paged = (await adminClient.get(`/api/contacts?accountId=${acme.id}&limit=2`)).json();
      expect(paged.items).toHaveLength(2);
      const rest = (await adminClient.get(`/api/contacts?accountId=${acme.id}&limit=2&after=${paged.nextCursor}`)).json();
      expect(rest.items.map((c: { email: string }) => c.email)).toEqual([gone.email]);
    });
  });

  describe('staff', () => {
    const newStaff = (overrides: Record<string, unknown> = {}) => ({ email: uniqueEmail('staff'), firstName: 'Sora', lastName: 'Support', role: 'agent', otpMethod: 'email', ...overrides });

    it('lists agents and administrators with their role, and no contacts', async () => {
      const response = await adminClient.get('/api/admin/staff');
      expect(response.statusCode).toBe(200);
      const items = response.json().items as Array<{ id: number; role: string; email: string }>;
      expect(items.find((s) => s.id === admin.id)).toMatchObject({ role: 'admin', active: true, firstName: 'Aiko', otpMethod: 'email', lastLoginAt: expect.any(Number) });
      expect(items.find((s) => s.id === agent.id)).toMatchObject({ role: 'agent' });
      expect(items.map((s) => s.email)).not.toContain(contact.email);
      expect(JSON.stringify(items)).not.toMatch(/password|totp/i);
    });

    it('creates an agent with a temporary password shown once, which leads to "Change password"', async () => {
      const body = newStaff({ email: 'New.Agent@Vendor.example', otpMethod: 'app', language: 'ja' });
      const response = await adminClient.post('/api/admin/staff', body);
      expect(response.statusCode).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const { staff, temporaryPassword } = response.json();
      // No zone given: DEFAULT_TIME_ZONE, which is UTC unless set.
      expect(staff).toMatchObject({ email: 'new.agent@vendor.example', role: 'agent', otpMethod: 'app', language: 'ja', timeZone: 'UTC', active: true, lastLoginAt: null });
      expect(temporaryPassword).toEqual(expect.any(String));
      const row = (await person('new.agent@vendor.example'))!;
      expect(row).toMatchObject({ kind: 'staff', account_id: null, password_must_change: 1 });
      expect(row.password_hash).not.toContain(temporaryPassword);
      const roles = await ctx.db.selectFrom('person_roles').select('role').where('person_id', '=', row.id).execute();
      expect(roles.map((r) => r.role)).toEqual(['agent']);
      const [audit] = await auditOf('person.created');
      expect(audit).toMatchObject({ person_id: row.id, actor_id: admin.id });

      const login = await new TestClient(ctx.app).post('/api/auth/login', { email: body.email, password: temporaryPassword });
      expect(login.json().stage).toBe('change_password');
      // Nothing hands the password out a second time.
      expect((await adminClient.get('/api/admin/staff')).body).not.toContain(temporaryPassword);
    });

    it('creates a Japanese desk’s agent in their language and time zone, or in DEFAULT_TIME_ZONE when none is chosen, which visitors’ sessions name too', async () => {
      const chosen = await adminClient.post('/api/admin/staff', newStaff({ language: 'ja', timeZone: 'Asia/Tokyo' }));
      expect(chosen.json().staff).toMatchObject({ language: 'ja', timeZone: 'Asia/Tokyo' });
      expect(await person(chosen.json().staff.email)).toMatchObject({ language: 'ja', time_zone: 'Asia/Tokyo' });

      const tokyoPortal = await createTestApp(kind, { DEFAULT_TIME_ZONE: 'Asia/Tokyo' });
      try {
        const tokyoAdmin = await seedPerson(tokyoPortal.db, { kind: 'staff', roles: ['agent', 'admin'] });
        const unchosen = await (await signIn(tokyoPortal, tokyoAdmin)).post('/api/admin/staff', newStaff());
        expect(unchosen.json().staff).toMatchObject({ language: 'en', timeZone: 'Asia/Tokyo' });
        // A visitor's registration form starts from it when the browser names no zone it knows.
        expect((await new TestClient(tokyoPortal.app).get('/api/session')).json()).toMatchObject({ stage: 'anonymous', defaultTimeZone: 'Asia/Tokyo' });
      } finally {
        await tokyoPortal.close();
      }
    });

    it('creates an administrator who holds both staff roles', async () => {
      const response = await adminClient.post('/api/admin/staff', newStaff({ role: 'admin' }));
      expect(response.statusCode).toBe(201);
      const roles = await ctx.db.selectFrom('person_roles').select('role').where('person_id', '=', response.json().staff.id).orderBy('role').execute();
      expect(roles.map((r) => r.role)).toEqual(['admin', 'agent']);
    });

    it('refuses an e-mail address that is already registered, in any case, and creates nothing', async () => {
      const before = await snapshot();
      for (const email of [agent.email.toUpperCase(), contact.email]) {
        const response = await adminClient.post('/api/admin/staff', newStaff({ email }));
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ field: 'email', messageKey: 'errors.emailRegistered' });
      }
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      [{ firstName: '' }, 'firstName'],
      [{ lastName: ' ' }, 'lastName'],
      [{ firstName: 'x'.repeat(101) }, 'firstName'],
      [{ email: 'not-an-address' }, 'email'],
      [{ role: 'account_admin' }, 'role'],
      [{ otpMethod: 'sms' }, 'otpMethod'],
      [{ language: 'fr' }, 'language'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ password: 'chosen-by-admin' }, ''],
    ])('refuses the staff member %j with 400 and creates nothing', async (overrides, field) => {
      const before = await snapshot();
      const response = await adminClient.post('/api/admin/staff', newStaff(overrides));
      expect(response.statusCode).toBe(400);
      if (field) expect(response.json().fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await snapshot()).toEqual(before);
    });

    it('changes an agent’s language and time zone, which their next answers and mails follow, and records which fields changed', async () => {
      const target = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], firstName: 'Taro', lastName: 'Yamada', timeZone: 'UTC' });
      const targetClient = await signIn(ctx, target);

      const response = await patch(adminClient, `/api/admin/staff/${target.id}`, { language: 'ja', timeZone: 'Asia/Tokyo' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: target.id, language: 'ja', timeZone: 'Asia/Tokyo' });
      // Their session reads the person afresh: the next page is Japanese, in Tokyo time.
      expect((await targetClient.get('/api/session')).json().person).toMatchObject({ language: 'ja', timeZone: 'Asia/Tokyo' });
      const [audit] = await auditOf('profile.updated');
      expect(audit).toMatchObject({ person_id: target.id, actor_id: admin.id, email: target.email });
      expect(JSON.parse(audit!.detail)).toEqual({ fields: ['language', 'timeZone'] });

      const onlyZone = await patch(adminClient, `/api/admin/staff/${target.id}`, { timeZone: 'Europe/Berlin' });
      expect(onlyZone.json()).toMatchObject({ language: 'ja', timeZone: 'Europe/Berlin' });
      expect(JSON.parse((await auditOf('profile.updated'))[0]!.detail)).toEqual({ fields: ['timeZone'] });

      // Saving what is already there changes nothing and records nothing.
      const events = (await auditOf('profile.updated')).length;
      expect((await patch(adminClient, `/api/admin/staff/${target.id}`, { language: 'ja', timeZone: 'Europe/Berlin' })).statusCode).toBe(200);
      expect(await auditOf('profile.updated')).toHaveLength(events);
    });

    it.each([
      [{}, ''],
      [{ language: 'fr' }, 'language'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: '' }, 'timeZone'],
      [{ language: 'ja', role: 'admin' }, ''],
      [{ language: 'ja', email: 'taken.over@vendor.example' }, ''],
    ])('refuses the change %j with 400 and changes nothing', async (payload, field) => {
      const before = await snapshot();
      const response = await patch(adminClient, `/api/admin/staff/${agent.id}`, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toEqual(expect.any(String));
      if (field) expect(response.json().fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 when the change names a contact or no one, changing nothing', async () => {
      const before = await snapshot();
      for (const id of [999999, contact.id, accountAdmin.id]) {
        expect((await patch(adminClient, `/api/admin/staff/${id}`, { language: 'ja' })).statusCode).toBe(404);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('deactivates an agent, ending their sessions at once, and reactivates them', async () => {
      const target = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
      const targetClient = await signIn(ctx, target);
      expect((await targetClient.get('/api/queue')).statusCode).toBe(200);

      const response = await adminClient.post(`/api/admin/staff/${target.id}/deactivate`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: target.id, active: false });
      expect(await sessionsOf(target.id)).toBe(0);
      expect((await targetClient.get('/api/queue')).statusCode).toBe(401);
      const [audit] = await auditOf('person.deactivated');
      expect(audit).toMatchObject({ person_id: target.id, actor_id: admin.id });
      expect(JSON.parse(audit!.detail)).toEqual({ kind: 'staff', sessionsEnded: 1 });
      const login = await new TestClient(ctx.app).post('/api/auth/login', { email: target.email, password: target.password });
      expect(login.statusCode).not.toBe(200);

      const again = await adminClient.post(`/api/admin/staff/${target.id}/reactivate`);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ id: target.id, active: true });
      expect((await auditOf('person.reactivated'))[0]).toMatchObject({ person_id: target.id, actor_id: admin.id });
      expect((await signIn(ctx, target)).cookies.size).toBeGreaterThan(0);
    });

    it('does not let an administrator deactivate themselves', async () => {
      const response = await adminClient.post(`/api/admin/staff/${admin.id}/deactivate`);
      expect(response.statusCode).toBe(409);
      expect(response.json().messageKey).toBe('errors.deactivateSelfStaff');
      expect((await person(admin.email))!.active).toBe(1);
      expect(await sessionsOf(admin.id)).toBeGreaterThan(0);
    });

    it('keeps the last active administrator when two administrators deactivate each other at once', async () => {
      // Only these two administrators are active during this test.
      const others = await ctx.db.selectFrom('person_roles').select('person_id').where('role', '=', 'admin').execute();
      const first = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent', 'admin'] });
      const second = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent', 'admin'] });
      const [firstClient, secondClient] = [await signIn(ctx, first), await signIn(ctx, second)];
      await ctx.db.updateTable('people').set({ active: 0 }).where('id', 'in', others.map((o) => o.person_id)).execute();
      try {
        const answers = await Promise.all([firstClient.post(`/api/admin/staff/${second.id}/deactivate`), secondClient.post(`/api/admin/staff/${first.id}/deactivate`)]);
        expect(answers.map((a) => a.statusCode).sort()).toEqual([200, expect.any(Number)]);
        const refused = answers.find((a) => a.statusCode !== 200)!;
        // The loser is either already signed out, or told why at once.
        expect([401, 409]).toContain(refused.statusCode);
        if (refused.statusCode === 409) expect(refused.json().messageKey).toBe('errors.lastAdministrator');
        const active = await ctx.db.selectFrom('people').select('id').where('id', 'in', [first.id, second.id]).where('active', '=', 1).execute();
        expect(active).toHaveLength(1);
      } finally {
        await ctx.db.updateTable('people').set({ active: 1 }).where('id', 'in', others.map((o) => o.person_id)).execute();
      }
      adminClient = await signIn(ctx, admin);
    });

    it('answers 404 for unknown ids and for a contact’s id, changing nothing', async () => {
      const before = await snapshot();
      for (const id of [999999, contact.id, accountAdmin.id]) {
        expect((await adminClient.post(`/api/admin/staff/${id}/deactivate`)).statusCode).toBe(404);
        expect((await adminClient.post(`/api/admin/staff/${id}/reactivate`)).statusCode).toBe(404);
      }
      expect((await adminClient.post('/api/admin/staff/0/deactivate')).statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('registration requests of every account', () => {
    const application = (customerIdentifier: string, overrides: Record<string, unknown> = {}) => ({
      customerIdentifier,
      firstName: 'Hana',
      lastName: 'Ueda',
      email: uniqueEmail('applicant'),
      timeZone: 'Asia/Tokyo',
      countryCode: 'JP',
      phone: '03-1234-5678',
      preferredContact: 'email',
      language: 'en',
      otpMethod: 'email',
      ...overrides,
    });

    it('lists requests of every account with the account’s name, filtered by state', async () => {
      const globexApprover = await seedPerson(ctx.db, { accountId: globex.id, roles: ['approver'] });
      const fromAcme = (await new TestClient(ctx.app).post('/api/registration/requests', application(acme.identifier))).json();
      const fromGlobex = (await new TestClient(ctx.app).post('/api/registration/requests', application(globex.identifier))).json();
      const decider = await signIn(ctx, globexApprover);
      expect((await decider.post(`/api/registration/requests/${fromGlobex.number}/reject`)).statusCode).toBe(200);

      // The one list of registration requests: an account's reviewers see their account's, a vendor administrator every account's.
      const all = (await adminClient.get('/api/registration/requests')).json();
      expect(all.items.slice(0, 2)).toEqual([
        expect.objectContaining({ number: fromGlobex.number, accountName: 'Globex Corporation', state: 'rejected', decidedBy: 'Hanako Suzuki', decidedAt: expect.any(Number), canDecide: false }),
        expect.objectContaining({ number: fromAcme.number, accountName: 'Acme Japan K.K.', state: 'requested', decidedBy: null, canDecide: true }),
      ]);
      const requested = (await adminClient.get('/api/registration/requests?state=requested')).json();
      expect(requested.items.map((r: { number: string }) => r.number)).toContain(fromAcme.number);
      expect(requested.items.every((r: { state: string }) => r.state === 'requested')).toBe(true);
      const rejected = (await adminClient.get('/api/registration/requests?state=rejected')).json();
      expect(rejected.items.map((r: { number: string }) => r.number)).toEqual([fromGlobex.number]);

      const page = (await adminClient.get('/api/registration/requests?limit=1')).json();
      const next = (await adminClient.get(`/api/registration/requests?limit=1&after=${page.nextCursor}`)).json();
      expect(next.items[0].number).toBe(fromAcme.number);
      expect((await adminClient.get('/api/registration/requests?state=pending')).statusCode).toBe(400);
    });

    it('lets a vendor administrator approve a request of an account left without any approver', async () => {
      const lonely = await seedAccount(ctx.db, 'Lonely Ltd');
      const approver = await seedPerson(ctx.db, { accountId: lonely.id, roles: ['approver'] });
      const body = application(lonely.identifier);
      const { number } = (await new TestClient(ctx.app).post('/api/registration/requests', body)).json();
      // The only approver leaves before deciding: nobody of the account can approve any more.
      await ctx.db.deleteFrom('person_roles').where('person_id', '=', approver.id).execute();
      await ctx.db.updateTable('people').set({ active: 0 }).where('id', '=', approver.id).execute();

      const listed = (await adminClient.get('/api/registration/requests?state=requested')).json();
      expect(listed.items.map((r: { number: string }) => r.number)).toContain(number);
      const view = (await adminClient.get(`/api/registration/requests/${number}`)).json();
      expect(view).toMatchObject({ accountName: 'Lonely Ltd', canDecide: true });
      const approved = await adminClient.post(`/api/registration/requests/${number}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: 'Aiko Admin' });
      expect(await person(body.email)).toMatchObject({ kind: 'contact', account_id: lonely.id, active: 1 });
      expect((await lastMailTo(ctx.db, body.email)).subject).toBe('Customer Registration Processed');
      const contacts = (await adminClient.get(`/api/contacts?accountId=${lonely.id}`)).json();
      expect(contacts.items.map((c: { email: string }) => c.email)).toContain(body.email);
    });

    it('lists the "Get help with registration" requests with their details, newest first', async () => {
      const ask = (company: string) =>
        new TestClient(ctx.app).post('/api/registration/help', { name: 'Ken Ito', email: 'Ken.Ito@Initech.example', company, message: 'We lost our Customer Identifier.\nPlease help.', language: 'ja' });
      expect((await ask('Initech')).statusCode).toBe(200);
      ctx.clock.advance(1000);
      expect((await ask('Initrode')).statusCode).toBe(200);

      const response = await adminClient.get('/api/admin/registration-help?limit=1');
      expect(response.statusCode).toBe(200);
      const first = response.json();
      expect(first.items).toEqual([
        { id: expect.any(Number), name: 'Ken Ito', email: 'ken.ito@initech.example', company: 'Initrode', message: 'We lost our Customer Identifier.\nPlease help.', language: 'ja', createdAt: ctx.clock() },
      ]);
      const second = (await adminClient.get(`/api/admin/registration-help?limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.items[0].company).toBe('Initech');
    });
  });
});
