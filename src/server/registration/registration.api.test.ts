import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  databaseKinds,
  latestPasscode,
  lastMailTo,
  mailsTo,
  seedAccount,
  seedPerson,
  signIn,
  TestClient,
  uniqueEmail,
  type TestContext,
} from '../test/helpers.ts';

describe.each(databaseKinds)('registration with approval (%s)', (kind) => {
  let ctx: TestContext;
  let acme: Awaited<ReturnType<typeof seedAccount>>;
  let globex: Awaited<ReturnType<typeof seedAccount>>;
  let lonely: Awaited<ReturnType<typeof seedAccount>>;
  let approver: Awaited<ReturnType<typeof seedPerson>>;
  let acmeAdmin: Awaited<ReturnType<typeof seedPerson>>;
  let globexApprover: Awaited<ReturnType<typeof seedPerson>>;
  let acmePlainContact: Awaited<ReturnType<typeof seedPerson>>;
  let vendorAdmin: Awaited<ReturnType<typeof seedPerson>>;
  let agent: Awaited<ReturnType<typeof seedPerson>>;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    acme = await seedAccount(ctx.db, 'Acme Japan K.K.');
    globex = await seedAccount(ctx.db, 'Globex Secret Project');
    lonely = await seedAccount(ctx.db, 'Lonely Ltd');
    approver = await seedPerson(ctx.db, { accountId: acme.id, roles: ['approver'], language: 'ja', firstName: 'Taro', lastName: 'Yamada' });
    acmeAdmin = await seedPerson(ctx.db, { accountId: acme.id, roles: ['account_admin'] });
    acmePlainContact = await seedPerson(ctx.db, { accountId: acme.id });
    globexApprover = await seedPerson(ctx.db, { accountId: globex.id, roles: ['approver'] });
    vendorAdmin = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent', 'admin'] });
    agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] });
  });
  afterAll(() => ctx.close());

  const application = (overrides: Record<string, unknown> = {}) => ({
    customerIdentifier: acme.identifier,
    firstName: 'Jiro',
    lastName: 'Tanaka',
    email: uniqueEmail('jiro'),
    timeZone: 'Asia/Tokyo',
    countryCode: 'JP',
    phone: '81123-4567',
    mobile: '',
    preferredContact: 'portal',
    language: 'en',
    otpMethod: 'email',
    ...overrides,
  });

  const submit = (body: object) => new TestClient(ctx.app).post('/api/registration/requests', body);

  it('files a request and mails every approver and administrator of the account', async () => {
    const body = application();
    const response = await submit(body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ number: expect.stringMatching(/^REG\d{7}$/), state: 'requested' });
    const number = response.json().number;

    const toApprover = await lastMailTo(ctx.db, approver.email);
    // Each mail wholly in its reader's language: the approver reads Japanese, the administrator English.
    expect(toApprover.subject).toBe('Acme Japan K.K. への利用者登録申請の承認のお願い');
    expect(toApprover.text_body).toContain(`http://portal.test/registration-requests/${number}`);
    expect(toApprover.text_body).toContain('Jiro');
    expect(toApprover.text_body).toContain('日本 +81');
    const toAdmin = await lastMailTo(ctx.db, acmeAdmin.email);
    expect(toAdmin.subject).toBe('Registration request for Acme Japan K.K. requires your review');
    expect(toAdmin.text_body).toContain('Japan +81');
    expect(toAdmin.text_body).toContain('Preferred contact method: Support Portal');
    expect(await mailsTo(ctx.db, acmePlainContact.email)).toHaveLength(0);
    expect(await mailsTo(ctx.db, globexApprover.email)).toHaveLength(0);
    expect((await lastMailTo(ctx.db, body.email)).subject).toBe(`Registration request ${number} received`);
  });

  it('accepts the identifier in lower case and without the dash', async () => {
    expect((await submit(application({ customerIdentifier: acme.identifier.toLowerCase() }))).statusCode).toBe(201);
    expect((await submit(application({ customerIdentifier: acme.rawIdentifier.toLowerCase() }))).statusCode).toBe(201);
  });

  it('answers a wrong identifier without naming any account', async () => {
    for (const customerIdentifier of ['ZZZZZ-ZZZZZ', 'not an id', globex.identifier.slice(0, 9)]) {
      const response = await submit(application({ customerIdentifier }));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field: 'customerIdentifier', messageKey: 'errors.identifierUnknown' });
      expect(response.body).not.toContain('Globex');
    }
  });

  it('refuses an e-mail already registered or already requested', async () => {
    const registered = await submit(application({ email: acmePlainContact.email.toUpperCase() }));
    expect(registered.statusCode).toBe(409);
    expect(registered.json()).toMatchObject({ field: 'email', messageKey: 'errors.emailRegistered' });

    const email = uniqueEmail('twice');
    expect((await submit(application({ email }))).statusCode).toBe(201);
    const twice = await submit(application({ email, customerIdentifier: globex.identifier }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ field: 'email', messageKey: 'errors.emailRequested' });
    expect(twice.body).not.toContain('Acme');
  });

  it('refuses a request for an account that has no approver, without creating anything', async () => {
    const body = application({ customerIdentifier: lonely.identifier });
    const response = await submit(body);
    expect(response.statusCode).toBe(409);
    expect(response.json().messageKey).toBe('errors.noApprover');
    expect(response.body).not.toContain('Lonely');
    expect(await ctx.db.selectFrom('registration_requests').select('id').where('email', '=', body.email).execute()).toHaveLength(0);
    expect(await mailsTo(ctx.db, body.email)).toHaveLength(0);
  });

  it('answers missing, wrong-typed, over-long and unknown fields with 400 and changes nothing', async () => {
    const before = await ctx.db.selectFrom('registration_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ firstName: undefined }, /firstName/],
      [{ firstName: 42 }, /firstName/],
      [{ lastName: 'x'.repeat(101) }, /at most 100/],
      [{ email: 'not-an-email' }, /valid e-mail/],
      [{ timeZone: 'Mars/Olympus' }, /time zone/],
      [{ countryCode: 'XX' }, /country code/],
      [{ phone: 'call me maybe' }, /phone number/],
      [{ preferredContact: 'pigeon' }, /Support Portal, Email or Phone/],
      [{ otpMethod: 'sms' }, /Authenticator App or Email/],
      [{ role: 'admin' }, /role/],
    ];
    for (const [override, message] of cases) {
      const body = application(override);
      const response = await submit(JSON.parse(JSON.stringify(body)));
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(response.json().message, JSON.stringify(override)).toMatch(message);
    }
    const after = await ctx.db.selectFrom('registration_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  describe('deciding', () => {
    it('lets the approver approve: the contact exists and gets "Customer Registration Processed" with a temporary password', async () => {
      const body = application({ language: 'ja', otpMethod: 'email' });
      const { number } = (await submit(body)).json();
      const client = await signIn(ctx, approver);
      const view = await client.get(`/api/registration/requests/${number}`);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({ number, state: 'requested', canDecide: true, accountName: 'Acme Japan K.K.', email: body.email });

      const approved = await client.post(`/api/registration/requests/${number.toLowerCase()}/approve`);
      expect(approved.statusCode).toBe(200);
      // The approver reads Japanese: the decider's name comes family name first, unless the page asks for English.
      expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: 'Yamada Taro', canDecide: false });
      const inEnglish = await client.request({ method: 'GET', url: `/api/registration/requests/${number}`, headers: { 'accept-language': 'en' } });
      expect(inEnglish.json().decidedBy).toBe('Taro Yamada');

      const mail = await lastMailTo(ctx.db, body.email);
      expect(mail.subject).toBe('利用者登録が完了しました');
      expect(mail.text_body).toContain('仮パスワード');
      const temporary = /仮パスワード: (\S+)/.exec(mail.text_body)![1]!;

      // The new contact logs in with it and is led to Change password.
      const newcomer = new TestClient(ctx.app);
      expect((await newcomer.post('/api/auth/login', { email: body.email, password: temporary })).json().stage).toBe('email_code');
      const otp = await newcomer.post('/api/auth/otp', { code: await latestPasscode(ctx.db, body.email) });
      expect(otp.json().stage).toBe('change_password');
      const contact = await ctx.db.selectFrom('people').selectAll().where('email', '=', body.email).executeTakeFirstOrThrow();
      expect(contact).toMatchObject({ account_id: acme.id, kind: 'contact', language: 'ja', time_zone: 'Asia/Tokyo', password_must_change: 1 });
      const audit = await ctx.db.selectFrom('audit_events').select(['type', 'actor_id']).where('type', '=', 'registration.approved').where('person_id', '=', contact.id).executeTakeFirstOrThrow();
      expect(audit.actor_id).toBe(approver.id);
    });

    it('decides a request once: a second approve or a reject after it is 409 and changes nothing', async () => {
      const { number } = (await submit(application())).json();
      const client = await signIn(ctx, acmeAdmin);
      expect((await client.post(`/api/registration/requests/${number}/approve`)).statusCode).toBe(200);
      const mailsBefore = await ctx.db.selectFrom('mail_outbox').select('id').execute();
      const again = await client.post(`/api/registration/requests/${number}/approve`);
      expect(again.statusCode).toBe(409);
      expect(again.json().messageKey).toBe('errors.alreadyDecided');
      expect((await client.post(`/api/registration/requests/${number}/reject`)).statusCode).toBe(409);
      expect(await ctx.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(mailsBefore.length);
    });

    it('rejecting mails the applicant and creates no contact', async () => {
      const body = application();
      const { number } = (await submit(body)).json();
      const client = await signIn(ctx, approver);
      const rejected = await client.post(`/api/registration/requests/${number}/reject`);
      expect(rejected.json().state).toBe('rejected');
      expect((await lastMailTo(ctx.db, body.email)).subject).toBe(`Registration request ${number} rejected`);
      expect(await ctx.db.selectFrom('people').select('id').where('email', '=', body.email).execute()).toHaveLength(0);
      // A rejected applicant may ask again.
      expect((await submit(body)).statusCode).toBe(201);
    });

    it('hides the request from an approver of another account, a plain contact and an agent (404, nothing changes)', async () => {
      const { number } = (await submit(application())).json();
      for (const outsider of [globexApprover, acmePlainContact, agent]) {
        const client = await signIn(ctx, outsider);
        const view = await client.get(`/api/registration/requests/${number}`);
        expect(view.statusCode).toBe(404);
        expect(view.body).not.toContain('Acme');
        expect((await client.post(`/api/registration/requests/${number}/approve`)).statusCode).toBe(404);
        expect((await client.post(`/api/registration/requests/${number}/reject`)).statusCode).toBe(404);
      }
      const row = await ctx.db.selectFrom('registration_requests').select('state').where('number', '=', number).executeTakeFirstOrThrow();
      expect(row.state).toBe('requested');
    });

    it('lets a vendor administrator decide any account’s request', async () => {
      const { number } = (await submit(application({ customerIdentifier: globex.identifier }))).json();
      const client = await signIn(ctx, vendorAdmin);
      expect((await client.post(`/api/registration/requests/${number}/approve`)).json().state).toBe('approved');
    });

    it('needs a login to see or decide a request', async () => {
      const { number } = (await submit(application())).json();
      const anonymous = new TestClient(ctx.app);
      expect((await anonymous.get(`/api/registration/requests/${number}`)).statusCode).toBe(401);
      expect((await anonymous.post(`/api/registration/requests/${number}/approve`)).statusCode).toBe(401);
    });

    it('answers a malformed request number with 400', async () => {
      const client = await signIn(ctx, approver);
      const response = await client.get('/api/registration/requests/REG12');
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/REG0000001/);
    });
  });

  describe('listing', () => {
    it('lists the account’s requests newest first, page by page, and nothing of other accounts', async () => {
      for (let i = 0; i < 3; i++) await submit(application());
      await submit(application({ customerIdentifier: globex.identifier }));
      const client = await signIn(ctx, approver);
      const first = (await client.get('/api/registration/requests?limit=2')).json();
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = (await client.get(`/api/registration/requests?limit=2&after=${first.nextCursor}`)).json();
      const all: Array<{ number: string; accountName: string }> = [...first.items, ...second.items];
      expect(all.every((r) => r.accountName === 'Acme Japan K.K.')).toBe(true);
      expect(all[0]!.number > all[1]!.number).toBe(true);
      expect(new Set(all.map((r) => r.number)).size).toBe(all.length);
    });

    it('shows an account administrator and an approver every request of the account with its state, who decided and when, and filters by state', async () => {
      const initech = await seedAccount(ctx.db, 'Initech');
      const admin = await seedPerson(ctx.db, { accountId: initech.id, roles: ['account_admin'], firstName: 'Bill', lastName: 'Lumbergh' });
      const initechApprover = await seedPerson(ctx.db, { accountId: initech.id, roles: ['approver'], firstName: 'Peter', lastName: 'Gibbons' });
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) numbers.push((await submit(application({ customerIdentifier: initech.identifier }))).json().number);
      const [waiting, approved, rejected] = numbers as [string, string, string];
      const adminClient = await signIn(ctx, admin);
      const approverClient = await signIn(ctx, initechApprover);
      ctx.clock.advance(60_000);
      const approvedAt = ctx.clock();
      expect((await adminClient.post(`/api/registration/requests/${approved}/approve`)).statusCode).toBe(200);
      ctx.clock.advance(60_000);
      const rejectedAt = ctx.clock();
      expect((await approverClient.post(`/api/registration/requests/${rejected}/reject`)).statusCode).toBe(200);

      for (const client of [adminClient, approverClient]) {
        const list = await client.get('/api/registration/requests');
        expect(list.statusCode).toBe(200);
        const items: Array<Record<string, unknown>> = list.json().items;
        expect(items.map((item) => item.number)).toEqual([rejected, approved, waiting]);
        expect(items.map(({ number, state, decidedBy, decidedAt, accountName }) => ({ number, state, decidedBy, decidedAt, accountName }))).toEqual([
          { number: rejected, state: 'rejected', decidedBy: 'Peter Gibbons', decidedAt: rejectedAt, accountName: 'Initech' },
          { number: approved, state: 'approved', decidedBy: 'Bill Lumbergh', decidedAt: approvedAt, accountName: 'Initech' },
          { number: waiting, state: 'requested', decidedBy: null, decidedAt: null, accountName: 'Initech' },
        ]);
        for (const [state, number] of [['requested', waiting], ['approved', approved], ['rejected', rejected]] as const) {
          const filtered = (await client.get(`/api/registration/requests?state=${state}`)).json().items as Array<{ number: string }>;
          expect(filtered.map((item) => item.number)).toEqual([number]);
        }
      }
    });

    it('filters a vendor administrator’s list of every account by state, page by page', async () => {
      const client = await signIn(ctx, vendorAdmin);
      const first = (await client.get('/api/registration/requests?state=requested&limit=2')).json();
      const second = (await client.get(`/api/registration/requests?state=requested&limit=100&after=${first.nextCursor}`)).json();
      const all: Array<{ number: string; state: string; accountName: string }> = [...first.items, ...second.items];
      expect(all.length).toBeGreaterThan(2);
      expect(all.every((item) => item.state === 'requested')).toBe(true);
      expect(new Set(all.map((item) => item.accountName)).size).toBeGreaterThan(1);
    });

    it('answers an unknown state, a bad cursor and an unknown parameter with 400', async () => {
      const client = await signIn(ctx, approver);
      for (const query of ['state=pending', 'after=-1', 'after=abc', 'limit=0', 'limit=101', 'account=1']) {
        const answer = await client.get(`/api/registration/requests?${query}`);
        expect(answer.statusCode, query).toBe(400);
        expect(answer.json().message, query).toMatch(/\S/);
      }
    });

    it('refuses the list to a contact without the approver or administrator role', async () => {
      const client = await signIn(ctx, acmePlainContact);
      expect((await client.get('/api/registration/requests')).statusCode).toBe(403);
    });
  });

  describe('Get help with registration', () => {
    it('keeps the request and mails the vendor administrators, creating no account', async () => {
      const accountsBefore = await ctx.db.selectFrom('accounts').select('id').execute();
      const response = await new TestClient(ctx.app).post('/api/registration/help', {
        name: 'Saburo Sato',
        email: 'saburo@newcustomer.example',
        company: 'New Customer Inc.',
        message: 'I do not know our Customer Identifier.',
        language: 'ja',
      });
      expect(response.statusCode).toBe(200);
      const mail = await lastMailTo(ctx.db, vendorAdmin.email);
      expect(mail.subject).toBe('Registration help requested by Saburo Sato (New Customer Inc.)');
      expect(mail.text_body).toContain('I do not know our Customer Identifier.');
      expect(await ctx.db.selectFrom('accounts').select('id').execute()).toHaveLength(accountsBefore.length);
    });

    it('asks for every field', async () => {
      const response = await new TestClient(ctx.app).post('/api/registration/help', { name: '', email: 'x@example.com', company: 'C', message: 'm' });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/Enter your name/);
    });
  });
});
