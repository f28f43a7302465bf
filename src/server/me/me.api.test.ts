import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret, totpCodeAt } from '../lib/totp.ts';
import { createTestApp, databaseKinds, lastMailTo, latestPasscode, mailsTo, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('My Account (%s)', (kind) => {
  let ctx: TestContext;
  let accountId: number;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db)).id;
  });
  afterAll(() => ctx.close());

  const contact = (options: Parameters<typeof seedPerson>[1] = {}) => seedPerson(ctx.db, { accountId, ...options });
  const patch = (client: TestClient, payload: object) => client.request({ method: 'PATCH', url: '/api/me', payload });
  const auditTypes = async (personId: number) => (await ctx.db.selectFrom('audit_events').select('type').where('person_id', '=', personId).execute()).map((row) => row.type);
  async function pairApp(client: TestClient) {
    const setup = (await client.get('/api/me/second-factor/app/setup')).json();
    const paired = await client.post('/api/me/second-factor/app', { code: totpCodeAt(setup.secret, ctx.clock()) });
    return { setup, paired };
  }
  const sessionCount = async (personId: number) => (await ctx.db.selectFrom('sessions').select('id').where('person_id', '=', personId).execute()).length;

  it('answers 401 to a visitor on every route', async () => {
    const visitor = new TestClient(ctx.app);
    const answers = await Promise.all([
      visitor.get('/api/me'),
      patch(visitor, { phone: '03-0000-0000' }),
      visitor.post('/api/me/second-factor/email'),
      visitor.get('/api/me/second-factor/app/setup'),
      visitor.post('/api/me/second-factor/app', { code: '123456' }),
      visitor.get('/api/me/sessions'),
      visitor.post('/api/me/sessions/abc/sign-out'),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 401]);
  });

  it('refuses a sign-in that is not finished', async () => {
    const person = await contact();
    const client = new TestClient(ctx.app);
    await client.post('/api/auth/login', { email: person.email, password: person.password });
    const answer = await client.get('/api/me');
    expect(answer.statusCode).toBe(401);
    expect(answer.json().messageKey).toBe('errors.signInIncomplete');
  });

  describe('profile', () => {
    it('shows the person’s details, fields picked, no secrets', async () => {
      const person = await contact({ firstName: 'Ichiro', lastName: 'Sato' });
      const client = await signIn(ctx, person);
      const me = await client.get('/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual({
        email: person.email,
        firstName: 'Ichiro',
        lastName: 'Sato',
        timeZone: 'Asia/Tokyo',
        countryCode: 'JP',
        phone: '03-1234-5678',
        mobile: '',
        preferredContact: 'portal',
        language: 'en',
        otpMethod: 'email',
        caseMails: { opened: true, commented: true, resolved: true, closed: true },
      });
    });

    it('saves time zone, phones, preferred contact and language, and records it', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      const saved = await patch(client, { timeZone: 'Europe/Berlin', countryCode: 'DE', phone: '+49 30 1234567', mobile: '0170 1234567', preferredContact: 'phone', language: 'ja' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ timeZone: 'Europe/Berlin', countryCode: 'DE', phone: '+49 30 1234567', mobile: '0170 1234567', preferredContact: 'phone', language: 'ja' });
      expect((await client.get('/api/me')).json().timeZone).toBe('Europe/Berlin');
      expect((await client.get('/api/session')).json().person.language).toBe('ja');
      expect(await auditTypes(person.id)).toContain('profile.updated');

      const cleared = await patch(client, { mobile: '' });
      expect(cleared.json()).toMatchObject({ mobile: '', phone: '+49 30 1234567' });

      // The trail names what changed, and Save on an unchanged form records nothing.
      const profileEvents = () => ctx.db.selectFrom('audit_events').select('detail').where('person_id', '=', person.id).where('type', '=', 'profile.updated').orderBy('id').execute();
      expect((await profileEvents()).map((event) => JSON.parse(event.detail).fields)).toEqual([['timeZone', 'countryCode', 'phone', 'mobile', 'preferredContact', 'language'], ['mobile']]);
      expect((await patch(client, { phone: '+49 30 1234567', mobile: '', language: 'ja' })).statusCode).toBe(200);
      expect(await profileEvents()).toHaveLength(2);
    });

    it('refuses the e-mail address, the names, unknown fields and values the registration form refuses', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      for (const body of [{ email: 'new@example.com' }, { firstName: 'Other' }, { lastName: 'Other' }, { otpMethod: 'app' }, { role: 'admin' }]) {
        const answer = await patch(client, body);
        expect(answer.statusCode, JSON.stringify(body)).toBe(400);
        expect(answer.json().messageKey).toBe('errors.validation');
      }
      const zone = await patch(client, { timeZone: 'Mars/Olympus_Mons' });
      expect(zone.statusCode).toBe(400);
      expect(zone.json().fields).toEqual([{ field: 'timeZone', message: 'Choose a time zone from the list, e.g. Asia/Tokyo.' }]);
      expect((await patch(client, { countryCode: 'XX' })).statusCode).toBe(400);
      expect((await patch(client, { phone: 'call me' })).statusCode).toBe(400);
      expect((await patch(client, { preferredContact: 'fax' })).statusCode).toBe(400);
      expect((await patch(client, { language: 'de' })).statusCode).toBe(400);
      const unchanged = (await client.get('/api/me')).json();
      expect(unchanged).toMatchObject({ email: person.email, firstName: 'Hanako', timeZone: 'Asia/Tokyo', countryCode: 'JP', phone: '03-1234-5678', language: 'en' });
    });

    it('needs the CSRF header to save', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      const answer = await client.request({ method: 'PATCH', url: '/api/me', payload: { phone: '03-9999-9999' }, csrf: false });
      expect(answer.statusCode).toBe(403);
    });
  });

  describe('second factor', () => {
    it('pairs a new authenticator with a code from it; the next login asks for its code', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      const setup = await client.get('/api/me/second-factor/app/setup');
      expect(setup.statusCode).toBe(200);
      const { secret, otpauthUri, qrCodeDataUrl } = setup.json();
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Caseway:/);
      expect(otpauthUri).toContain(`secret=${secret}`);
      expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      expect((await client.get('/api/me/second-factor/app/setup')).json().secret).toBe(secret);

      const paired = await client.post('/api/me/second-factor/app', { code: totpCodeAt(secret, ctx.clock()) });
      expect(paired.statusCode).toBe(200);
      expect(paired.json()).toEqual({ otpMethod: 'app' });
      expect((await client.get('/api/me')).json().otpMethod).toBe('app');
      expect(await auditTypes(person.id)).toContain('second_factor.changed');
      const stored = await ctx.db.selectFrom('people').select(['otp_method', 'totp_secret', 'totp_pending_secret']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ otp_method: 'app', totp_secret: secret, totp_pending_secret: null });

      // The next login asks for the app's code; the pairing code cannot be used again.
      const later = new TestClient(ctx.app);
      expect((await later.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('totp_verify');
      expect((await later.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).statusCode).toBe(400);
      ctx.clock.advance(30_000);
      expect((await later.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json().stage).toBe('active');
    });

    it('refuses a wrong code and a code from two steps ago, and changes nothing', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      const { secret } = (await client.get('/api/me/second-factor/app/setup')).json();
      const current = totpCodeAt(secret, ctx.clock());
      const wrong = await client.post('/api/me/second-factor/app', { code: current === '000000' ? '111111' : '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ field: 'code', messageKey: 'errors.totpWrong' });
      const old = await client.post('/api/me/second-factor/app', { code: totpCodeAt(secret, ctx.clock() - 60_000) });
      expect(old.statusCode).toBe(400);
      expect(old.json().field).toBe('code');
      const stored = await ctx.db.selectFrom('people').select(['otp_method', 'totp_secret', 'totp_pending_secret']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ otp_method: 'email', totp_secret: null, totp_pending_secret: secret });
      expect(await auditTypes(person.id)).not.toContain('second_factor.changed');
      expect((await client.get('/api/me')).statusCode).toBe(200);
    });

    it('ends the person’s other sessions when the second factor changes, and keeps this one', async () => {
      const person = await contact();
      const other = await signIn(ctx, person);
      const client = await signIn(ctx, person);
      const { paired } = await pairApp(client);
      expect(paired.statusCode).toBe(200);
      expect((await other.get('/api/me')).statusCode).toBe(401);
      expect((await client.get('/api/me')).statusCode).toBe(200);
      expect(await sessionCount(person.id)).toBe(1);
    });

    it('switches back to e-mailed codes, forgetting the authenticator', async () => {
      const person = await contact();
      const other = await signIn(ctx, person);
      const client = await signIn(ctx, person);
      await pairApp(client);
      const appSession = new TestClient(ctx.app);
      ctx.clock.advance(30_000);
      const { secret } = (await ctx.db.selectFrom('people').select('totp_secret as secret').where('id', '=', person.id).executeTakeFirstOrThrow()) as { secret: string };
      await appSession.post('/api/auth/login', { email: person.email, password: person.password });
      expect((await appSession.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json().stage).toBe('active');

      const switched = await client.post('/api/me/second-factor/email');
      expect(switched.json()).toEqual({ otpMethod: 'email' });
      const stored = await ctx.db.selectFrom('people').select(['otp_method', 'totp_secret', 'totp_pending_secret']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ otp_method: 'email', totp_secret: null, totp_pending_secret: null });
      expect((await appSession.get('/api/me')).statusCode).toBe(401);
      expect((await other.get('/api/me')).statusCode).toBe(401);
      expect((await client.get('/api/me')).statusCode).toBe(200);
      const next = new TestClient(ctx.app);
      expect((await next.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('email_code');
    });

    it('refuses extra fields in second-factor bodies', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      expect((await client.post('/api/me/second-factor/email', { otpMethod: 'email' })).statusCode).toBe(400);
      expect((await client.post('/api/me/second-factor/app', { code: '123456', secret: 'AAAA' })).statusCode).toBe(400);
    });
  });

  describe('changes to how one signs in need a recent sign-in (ASVS 7.5.1)', () => {
    const password = { currentPassword: '', newPassword: 'amber-harbor-lantern-77', confirmPassword: 'amber-harbor-lantern-77' };
    const tryEveryChange = (client: TestClient, person: { password: string }) =>
      Promise.all([
        client.get('/api/me/second-factor/app/setup'),
        client.post('/api/me/second-factor/app', { code: '123456' }),
        client.post('/api/me/second-factor/email'),
        client.post('/api/auth/change-password', { ...password, currentPassword: person.password }),
      ]);

    it('refuses every such change to a session that signed in more than 5 minutes ago: a stolen cookie is not enough', async () => {
      const person = await contact();
      const other = await signIn(ctx, person);
      const client = await signIn(ctx, person);
      ctx.clock.advance(5 * 60_000 + 1000);
      for (const answer of await tryEveryChange(client, person)) {
        expect(answer.statusCode, answer.body).toBe(403);
        expect(answer.json().messageKey).toBe('errors.reauthenticate');
      }
      const stored = await ctx.db.selectFrom('people').select(['otp_method', 'totp_pending_secret']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ otp_method: 'email', totp_pending_secret: null });
      expect((await other.get('/api/me')).statusCode).toBe(200);
      expect((await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(200);
    });

    it('opens the window again with the password and an e-mailed code', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      ctx.clock.advance(10 * 60_000);
      expect((await client.get('/api/me/second-factor/app/setup')).statusCode).toBe(403);

      const wrongPassword = await client.post('/api/auth/reauthenticate', { password: 'not-the-password' });
      expect(wrongPassword.json()).toMatchObject({ field: 'currentPassword', messageKey: 'errors.currentPasswordWrong' });
      const asked = await client.post('/api/auth/reauthenticate', { password: person.password });
      expect(asked.json()).toEqual({ done: false, factor: 'email' });
      const mail = await lastMailTo(ctx.db, person.email);
      expect(mail.subject).toBe('One-time passcode for Hanako Suzuki');
      expect(mail.text_body).toContain('confirm it is you');
      const tokenBefore = client.cookies.get('caseway_session');
      const confirmed = await client.post('/api/auth/reauthenticate', { password: person.password, code: await latestPasscode(ctx.db, person.email) });
      expect(confirmed.json()).toEqual({ done: true });
      expect(client.cookies.get('caseway_session')).not.toBe(tokenBefore);
      expect(await auditTypes(person.id)).toContain('reauthenticated');
      expect((await pairApp(client)).paired.statusCode).toBe(200);

      ctx.clock.advance(5 * 60_000 + 1000);
      expect((await client.post('/api/me/second-factor/email')).statusCode).toBe(403);
    });

    it('asks an authenticator user for the app’s code, and counts wrong codes: five end the session', async () => {
      const secret = generateTotpSecret();
      const person = await contact({ otpMethod: 'app', totpSecret: secret });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      expect((await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json().stage).toBe('active');
      ctx.clock.advance(10 * 60_000);
      const before = (await mailsTo(ctx.db, person.email)).length;
      expect((await client.post('/api/auth/reauthenticate', { password: person.password })).json()).toEqual({ done: false, factor: 'app' });
      expect(await mailsTo(ctx.db, person.email)).toHaveLength(before);
      const wrong = totpCodeAt(secret, ctx.clock() + 10 * 30_000);
      for (let i = 0; i < 4; i++) expect((await client.post('/api/auth/reauthenticate', { password: person.password, code: wrong })).json().messageKey).toBe('errors.totpWrong');
      const last = await client.post('/api/auth/reauthenticate', { password: person.password, code: wrong });
      expect(last.statusCode).toBe(401);
      expect((await client.get('/api/me')).statusCode).toBe(401);
    });

    it('counts wrong passwords against the login lockout: the browser’s own count, then the address’s', async () => {
      const person = await contact();
      const client = await signIn(ctx, person, new TestClient(ctx.app, '192.0.2.77'));
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push((await client.post('/api/auth/reauthenticate', { password: `wrong-password-${i}` })).statusCode);
      expect(answers).toEqual([400, 400, 400, 400, 429, 400, 400, 400, 400, 429]);
      expect((await client.post('/api/auth/reauthenticate', { password: person.password })).statusCode).toBe(429);
    });

    it('keeps the first sign-in’s own steps free of the rule: a temporary password is changed as part of it', async () => {
      const person = await contact({ mustChange: true });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
      ctx.clock.advance(6 * 60_000);
      const changed = await client.post('/api/auth/change-password', { ...password, currentPassword: person.password });
      expect(changed.json().stage).toBe('active');
    });
  });

  describe('active sessions', () => {
    it('lists the person’s signed-in browsers, newest first, with opaque ids', async () => {
      const person = await contact();
      const first = await signIn(ctx, person, new TestClient(ctx.app, '10.0.0.1'));
      ctx.clock.advance(1000);
      const second = await signIn(ctx, person, new TestClient(ctx.app, '10.0.0.2'));
      // A half-finished sign-in is not a session to list.
      await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: person.password });
      const list = await second.get('/api/me/sessions');
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; current: boolean; ip: string; createdAt: number; lastSeenAt: number; userAgent: string }[];
      expect(items.map((item) => [item.ip, item.current])).toEqual([['10.0.0.2', true], ['10.0.0.1', false]]);
      const stored = await ctx.db.selectFrom('sessions').select('id').where('person_id', '=', person.id).execute();
      const tokens = [first.cookies.get('caseway_session'), second.cookies.get('caseway_session')];
      for (const item of items) {
        expect(item.id).toMatch(/^[0-9a-f]{24}$/);
        for (const row of stored) expect(row.id).not.toContain(item.id);
        for (const token of tokens) expect(token).not.toContain(item.id);
      }
      expect((await first.get('/api/me/sessions')).json().items.map((item: { current: boolean }) => item.current)).toEqual([false, true]);
    });

    it('signs out another session of the person', async () => {
      const person = await contact();
      const other = await signIn(ctx, person);
      const client = await signIn(ctx, person);
      const target = (await client.get('/api/me/sessions')).json().items.find((item: { current: boolean }) => !item.current);
      const answer = await client.post(`/api/me/sessions/${target.id}/sign-out`);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ current: false });
      expect((await other.get('/api/me')).statusCode).toBe(401);
      expect((await client.get('/api/me')).statusCode).toBe(200);
      expect(await auditTypes(person.id)).toContain('session.ended');
      expect((await client.post(`/api/me/sessions/${target.id}/sign-out`)).statusCode).toBe(404);
    });

    it('signs out the session in use and clears its cookie', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      const mine = (await client.get('/api/me/sessions')).json().items[0];
      const answer = await client.post(`/api/me/sessions/${mine.id}/sign-out`);
      expect(answer.json()).toEqual({ current: true });
      expect(client.cookies.has('caseway_session')).toBe(false);
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
      expect(await sessionCount(person.id)).toBe(0);
    });

    it('answers 404 for another person’s session or an unknown id, and ends nothing', async () => {
      const person = await contact();
      const stranger = await contact();
      const client = await signIn(ctx, person);
      const strangerClient = await signIn(ctx, stranger);
      const theirs = (await strangerClient.get('/api/me/sessions')).json().items[0];
      const answer = await client.post(`/api/me/sessions/${theirs.id}/sign-out`);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().messageKey).toBe('errors.sessionNotFound');
      expect((await client.post('/api/me/sessions/000000000000000000000000/sign-out')).statusCode).toBe(404);
      // The stored id itself is not a public id either.
      const stored = await ctx.db.selectFrom('sessions').select('id').where('person_id', '=', stranger.id).executeTakeFirstOrThrow();
      expect((await client.post(`/api/me/sessions/${stored.id.slice(0, 24)}/sign-out`)).statusCode).toBe(404);
      expect((await strangerClient.get('/api/me')).statusCode).toBe(200);
      expect(await sessionCount(stranger.id)).toBe(1);
    });
  });
});
