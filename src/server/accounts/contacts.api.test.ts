import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

type Seeded = Awaited<ReturnType<typeof seedPerson>>;

describe.each(databaseKinds)('Contacts (%s)', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
  });
  afterAll(() => ctx.close());

  /** A fresh account per test, so the "last administrator" counts are the test's own. */
  async function account(name = 'Acme Japan K.K.') {
    const { id } = await seedAccount(ctx.db, name);
    const person = (roles: Role[] = [], extra: Parameters<typeof seedPerson>[1] = {}) => seedPerson(ctx.db, { accountId: id, roles, ...extra });
    const admin = await person(['account_admin'], { firstName: 'Aiko', lastName: 'Admin' });
    const approver = await person(['approver'], { firstName: 'Taro', lastName: 'Approver' });
    const plain = await person([], { firstName: 'Jiro', lastName: 'Plain' });
    return { id, person, admin, approver, plain };
  }

  const put = (client: TestClient, url: string) => client.request({ method: 'PUT', url });
  const del = (client: TestClient, url: string) => client.request({ method: 'DELETE', url });
  const deactivate = (client: TestClient, id: number) => client.post(`/api/contacts/${id}/deactivate`);
  const reactivate = (client: TestClient, id: number) => client.post(`/api/contacts/${id}/reactivate`);
  const grant = (client: TestClient, id: number, role: string) => put(client, `/api/contacts/${id}/roles/${role}`);
  const revoke = (client: TestClient, id: number, role: string) => del(client, `/api/contacts/${id}/roles/${role}`);
  /** Every changing route against one contact id. */
  const everyChange = (client: TestClient, id: number) => [
    deactivate(client, id),
    reactivate(client, id),
    grant(client, id, 'approver'),
    grant(client, id, 'account_admin'),
    revoke(client, id, 'approver'),
    revoke(client, id, 'account_admin'),
  ];

  /** What a change could touch: the person's active flag, roles, sessions and audit trail. */
  async function footprint(personId: number) {
    const person = await ctx.db.selectFrom('people').select(['active', 'updated_at']).where('id', '=', personId).executeTakeFirstOrThrow();
    const roles = (await ctx.db.selectFrom('person_roles').select('role').where('person_id', '=', personId).orderBy('role').execute()).map((r) => r.role);
    const sessions = (await ctx.db.selectFrom('sessions').select('id').where('person_id', '=', personId).execute()).length;
    const audit = (await ctx.db.selectFrom('audit_events').select('type').where('person_id', '=', personId).where('type', 'like', 'contact.%').execute()).length;
    return { ...person, roles, sessions, audit };
  }
  const auditOf = (personId: number) =>
    ctx.db.selectFrom('audit_events').select(['type', 'actor_id', 'detail']).where('person_id', '=', personId).where('type', 'like', 'contact.%').orderBy('id').execute();

  it('answers 401 to a visitor on every route', async () => {
    const { plain } = await account();
    const visitor = new TestClient(ctx.app);
    const answers = await Promise.all([visitor.get('/api/contacts'), ...everyChange(visitor, plain.id)]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 401]);
  });

  it('refuses every route to a plain contact, an approver and an agent (403), and changes nothing', async () => {
    const { plain, approver, admin } = await account();
    const agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    const before = await footprint(admin.id);
    for (const person of [plain, approver, agent]) {
      const client = await signIn(ctx, person);
      const answers = await Promise.all([client.get('/api/contacts'), ...everyChange(client, admin.id)]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403]);
      expect(answers[0]!.json()).toMatchObject({ code: 'forbidden', messageKey: 'errors.forbidden', message: 'Only account administrators can manage contacts.' });
    }
    expect(await footprint(admin.id)).toEqual(before);
  });

  it('refuses every change without the CSRF header, and changes nothing', async () => {
    const { admin, approver } = await account();
    const client = await signIn(ctx, admin);
    const before = await footprint(approver.id);
    const answers = [
      await client.post(`/api/contacts/${approver.id}/deactivate`, undefined, { csrf: false }),
      await client.request({ method: 'PUT', url: `/api/contacts/${approver.id}/roles/account_admin`, csrf: false }),
      await client.request({ method: 'DELETE', url: `/api/contacts/${approver.id}/roles/approver`, csrf: false }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([403, 403, 403]);
    expect(await footprint(approver.id)).toEqual(before);
  });

  describe('listing', () => {
    it('lists the contacts of the administrator’s own account with name, e-mail, roles, state and last login, page by page', async () => {
      const acme = await account();
      await account('Globex Secret Project');
      const inactive = await acme.person([], { firstName: 'Saburo', lastName: 'Gone', active: false });
      const client = await signIn(ctx, acme.admin);
      const loggedInAt = ctx.clock();

      const first = await client.get('/api/contacts?limit=2');
      expect(first.statusCode).toBe(200);
      expect(first.json().account).toEqual({ id: acme.id, name: 'Acme Japan K.K.', secondFactorPolicy: 'any', ssoSelfService: false });
      expect(first.json().items).toEqual([
        { id: acme.admin.id, firstName: 'Aiko', lastName: 'Admin', email: acme.admin.email, roles: ['account_admin'], active: true, lastLoginAt: loggedInAt, isViewer: true, secondFactor: { app: false, passkey: false, meetsPolicy: true } },
        { id: acme.approver.id, firstName: 'Taro', lastName: 'Approver', email: acme.approver.email, roles: ['approver'], active: true, lastLoginAt: null, isViewer: false, secondFactor: { app: false, passkey: false, meetsPolicy: true } },
      ]);
      const second = (await client.get(`/api/contacts?limit=2&after=${first.json().nextCursor}`)).json();
      expect(second.items.map((item: { id: number }) => item.id)).toEqual([acme.plain.id, inactive.id]);
      expect(second.items[1]).toMatchObject({ active: false, roles: [] });
      expect(second.nextCursor).toBeNull();
      expect((await client.get(`/api/contacts?accountId=${acme.id}`)).json().items).toHaveLength(4);
    });

    it('answers another account’s id with 404 and shows nothing of it', async () => {
      const acme = await account();
      const globex = await account('Globex Secret Project');
      const client = await signIn(ctx, acme.admin);
      const answer = await client.get(`/api/contacts?accountId=${globex.id}`);
      expect(answer.statusCode).toBe(404);
      expect(answer.body).not.toContain('Globex');
      expect(answer.body).not.toContain(globex.admin.email);
      expect((await client.get('/api/contacts?accountId=999999')).statusCode).toBe(404);
    });

    it('answers bad paging and unknown parameters with 400', async () => {
      const { admin } = await account();
      const client = await signIn(ctx, admin);
      for (const query of ['after=0', 'after=abc', 'limit=0', 'limit=101', 'accountId=-3', 'role=admin', 'q=x']) {
        const answer = await client.get(`/api/contacts?${query}`);
        expect(answer.statusCode, query).toBe(400);
        expect(answer.json().message, query).toMatch(/\S/);
      }
    });
  });

  describe('deactivating and reactivating', () => {
    it('ends every session of the contact at once (the next request is 401), refuses their login, and records it', async () => {
      const { admin, plain } = await account();
      const adminClient = await signIn(ctx, admin);
      const browser1 = await signIn(ctx, plain);
      const browser2 = await signIn(ctx, plain);
      expect((await browser1.get('/api/me')).statusCode).toBe(200);

      const answer = await deactivate(adminClient, plain.id);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ id: plain.id, active: false });
      // Gone from the table in the same transaction, not just refused when next seen.
      expect((await footprint(plain.id)).sessions).toBe(0);
      expect((await browser1.get('/api/me')).statusCode).toBe(401);
      expect((await browser2.get('/api/cases')).statusCode).toBe(401);
      const login = await new TestClient(ctx.app).post('/api/auth/login', { email: plain.email, password: plain.password });
      expect(login.statusCode).toBe(403);
      expect(login.json().messageKey).toBe('errors.deactivated');
      expect((await adminClient.get('/api/me')).statusCode).toBe(200);

      const back = await reactivate(adminClient, plain.id);
      expect(back.json()).toMatchObject({ id: plain.id, active: true });
      expect((await (await signIn(ctx, plain)).get('/api/me')).statusCode).toBe(200);
      expect(await auditOf(plain.id)).toEqual([
        { type: 'contact.deactivated', actor_id: admin.id, detail: expect.stringContaining('"accountId"') },
        { type: 'contact.reactivated', actor_id: admin.id, detail: expect.stringContaining('"accountId"') },
      ]);
    });

    it('does nothing and records nothing when the contact is already in the state asked for', async () => {
      const { admin, plain } = await account();
      const client = await signIn(ctx, admin);
      expect((await reactivate(client, plain.id)).json().active).toBe(true);
      await deactivate(client, plain.id);
      expect((await deactivate(client, plain.id)).json().active).toBe(false);
      expect((await auditOf(plain.id)).map((event) => event.type)).toEqual(['contact.deactivated']);
    });

    it('refuses an administrator deactivating themselves, with a message saying so', async () => {
      const { admin, person } = await account();
      await person(['account_admin']);
      const client = await signIn(ctx, admin);
      const before = await footprint(admin.id);
      const answer = await deactivate(client, admin.id);
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toMatchObject({ messageKey: 'errors.deactivateSelf', message: 'You cannot deactivate yourself. Ask another administrator of your account to do it.' });
      expect(await footprint(admin.id)).toEqual(before);
      expect((await client.get('/api/me')).statusCode).toBe(200);
    });

    it('refuses to deactivate the last active administrator or approver (409), and allows it once another one exists', async () => {
      const { admin, approver, person } = await account();
      const secondAdmin = await person(['account_admin']);
      const client = await signIn(ctx, admin);
      // The other administrator may go while this one remains.
      expect((await deactivate(client, secondAdmin.id)).statusCode).toBe(200);

      const before = await footprint(approver.id);
      const answer = await deactivate(client, approver.id);
      expect(answer.statusCode).toBe(409);
      expect(answer.json()).toMatchObject({
        code: 'conflict',
        messageKey: 'errors.lastApprover',
        message: 'This contact is the last registration approver of the account. Make another active contact an approver first.',
      });
      expect(await footprint(approver.id)).toEqual(before);

      const other = await person([]);
      expect((await grant(client, other.id, 'approver')).statusCode).toBe(200);
      expect((await deactivate(client, approver.id)).statusCode).toBe(200);
      // Now `other` is the last active approver: a deactivated holder does not count.
      expect((await deactivate(client, other.id)).json().messageKey).toBe('errors.lastApprover');
    });
  });

  describe('roles', () => {
    it('grants and revokes the approver and administrator roles, recording each change once', async () => {
      const { admin, plain } = await account();
      const client = await signIn(ctx, admin);
      expect((await grant(client, plain.id, 'approver')).json().roles).toEqual(['approver']);
      expect((await grant(client, plain.id, 'approver')).json().roles).toEqual(['approver']);
      expect((await grant(client, plain.id, 'account_admin')).json().roles).toEqual(['account_admin', 'approver']);
      expect((await revoke(client, plain.id, 'account_admin')).json().roles).toEqual(['approver']);
      expect((await revoke(client, plain.id, 'account_admin')).json().roles).toEqual(['approver']);
      expect((await auditOf(plain.id)).map((event) => [event.type, JSON.parse(event.detail).role, event.actor_id])).toEqual([
        ['contact.role_granted', 'approver', admin.id],
        ['contact.role_granted', 'account_admin', admin.id],
        ['contact.role_revoked', 'account_admin', admin.id],
      ]);
    });

    it('lets a new administrator manage contacts at once, and a revoked one no longer', async () => {
      const { admin, plain, approver } = await account();
      const adminClient = await signIn(ctx, admin);
      const plainClient = await signIn(ctx, plain);
      expect((await plainClient.get('/api/contacts')).statusCode).toBe(403);
      await grant(adminClient, plain.id, 'account_admin');
      expect((await plainClient.get('/api/contacts')).statusCode).toBe(200);
      expect((await grant(plainClient, approver.id, 'account_admin')).statusCode).toBe(200);
      await revoke(adminClient, plain.id, 'account_admin');
      expect((await plainClient.get('/api/contacts')).statusCode).toBe(403);
    });

    it('refuses to revoke the role of the last administrator or approver (409), also from oneself, and changes nothing', async () => {
      const { admin, approver } = await account();
      const client = await signIn(ctx, admin);
      const adminBefore = await footprint(admin.id);
      const approverBefore = await footprint(approver.id);

      const lastAdmin = await revoke(client, admin.id, 'account_admin');
      expect(lastAdmin.statusCode).toBe(409);
      expect(lastAdmin.json()).toMatchObject({
        messageKey: 'errors.lastAccountAdmin',
        message: 'This contact is the last administrator of the account. Make another active contact an administrator first.',
      });
      const lastApprover = await revoke(client, approver.id, 'approver');
      expect(lastApprover.statusCode).toBe(409);
      expect(lastApprover.json().messageKey).toBe('errors.lastApprover');
      expect(await footprint(admin.id)).toEqual(adminBefore);
      expect(await footprint(approver.id)).toEqual(approverBefore);

      // With a second administrator, an administrator may step down.
      await grant(client, approver.id, 'account_admin');
      expect((await revoke(client, admin.id, 'account_admin')).json().roles).toEqual([]);
      expect((await client.get('/api/contacts')).statusCode).toBe(403);
    });

    it('keeps one administrator when two revoke each other at the same moment', async () => {
      const { admin, approver } = await account();
      const adminClient = await signIn(ctx, admin);
      await grant(adminClient, approver.id, 'account_admin');
      const approverClient = await signIn(ctx, approver);
      const answers = await Promise.all([revoke(adminClient, approver.id, 'account_admin'), revoke(approverClient, admin.id, 'account_admin')]);
      // The later one is refused either way: 409 when it was let in before the first committed,
      // 403 when its session was read after it and shows the administrator role already gone.
      const [first, second] = answers.map((answer) => answer.statusCode).sort();
      expect(first).toBe(200);
      expect([403, 409]).toContain(second);
      const admins = await ctx.db.selectFrom('person_roles').select('person_id').where('person_id', 'in', [admin.id, approver.id]).where('role', '=', 'account_admin').execute();
      expect(admins).toHaveLength(1);
    });

    it('answers vendor roles, unknown roles and malformed ids with 400', async () => {
      const { admin, plain } = await account();
      const client = await signIn(ctx, admin);
      const before = await footprint(plain.id);
      for (const role of ['admin', 'agent', 'account-admin', 'APPROVER']) {
        const answers = [await grant(client, plain.id, role), await revoke(client, plain.id, role)];
        expect(answers.map((answer) => answer.statusCode), role).toEqual([400, 400]);
        expect(answers[0]!.json().message).toMatch(/approver or account_admin/);
      }
      for (const id of ['abc', '0', '-1', '1.5']) {
        const answers = [await deactivate(client, id as unknown as number), await grant(client, id as unknown as number, 'approver')];
        expect(answers.map((answer) => answer.statusCode), id).toEqual([400, 400]);
        expect(answers[0]!.json().message).toMatch(/contact id/);
      }
      expect(await footprint(plain.id)).toEqual(before);
    });
  });

  it('answers 404 on every route for a contact of another account, a staff member or an unknown id, and changes nothing', async () => {
    const acme = await account();
    const globex = await account('Globex Secret Project');
    const staff = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
    const globexSession = await signIn(ctx, globex.plain);
    const client = await signIn(ctx, acme.admin);
    const targets = [globex.admin.id, globex.approver.id, globex.plain.id, staff.id];
    const before = await Promise.all(targets.map(footprint));
    for (const id of [...targets, 999_999]) {
      const answers = await Promise.all(everyChange(client, id));
      expect(answers.map((answer) => answer.statusCode), String(id)).toEqual([404, 404, 404, 404, 404, 404]);
      for (const answer of answers) {
        expect(answer.json()).toMatchObject({ code: 'not_found', messageKey: 'errors.contactNotFound' });
        expect(answer.body).not.toContain('Globex');
      }
    }
    expect(await Promise.all(targets.map(footprint))).toEqual(before);
    expect((await globexSession.get('/api/me')).statusCode).toBe(200);
  });

  describe('vendor administrators', () => {
    let vendorAdmin: Seeded;
    beforeAll(async () => {
      vendorAdmin = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent', 'admin'] });
    });

    it('list the contacts of any account they name, and must name one', async () => {
      const globex = await account('Globex Secret Project');
      const client = await signIn(ctx, vendorAdmin);
      const list = await client.get(`/api/contacts?accountId=${globex.id}`);
      expect(list.json().account.name).toBe('Globex Secret Project');
      expect(list.json().items.map((item: { id: number; isViewer: boolean }) => item.id)).toEqual([globex.admin.id, globex.approver.id, globex.plain.id]);
      const unnamed = await client.get('/api/contacts');
      expect(unnamed.statusCode).toBe(400);
      expect(unnamed.json()).toMatchObject({ messageKey: 'errors.accountRequired', field: 'accountId' });
      expect((await client.get('/api/contacts?accountId=999999')).statusCode).toBe(404);
    });

    it('deactivate, reactivate, grant and revoke on any account, under the same rules', async () => {
      const globex = await account('Globex Secret Project');
      const client = await signIn(ctx, vendorAdmin);
      const contactSession = await signIn(ctx, globex.plain);
      expect((await deactivate(client, globex.plain.id)).json().active).toBe(false);
      expect((await contactSession.get('/api/me')).statusCode).toBe(401);
      expect((await reactivate(client, globex.plain.id)).json().active).toBe(true);
      expect((await grant(client, globex.plain.id, 'account_admin')).json().roles).toEqual(['account_admin']);
      expect((await revoke(client, globex.admin.id, 'account_admin')).statusCode).toBe(200);
      expect((await revoke(client, globex.plain.id, 'account_admin')).json().messageKey).toBe('errors.lastAccountAdmin');
      expect((await deactivate(client, globex.approver.id)).json().messageKey).toBe('errors.lastApprover');
      expect((await auditOf(globex.plain.id)).every((event) => event.actor_id === vendorAdmin.id)).toBe(true);
    });

    it('cannot turn staff into account roles through these routes (404)', async () => {
      const client = await signIn(ctx, vendorAdmin);
      const agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
      expect((await grant(client, agent.id, 'account_admin')).statusCode).toBe(404);
      expect((await deactivate(client, vendorAdmin.id)).statusCode).toBe(404);
    });
  });
});
