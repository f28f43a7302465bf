import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { generateTotpSecret, totpCodeAt } from '../lib/totp.ts';
import {
  createTestApp,
  databaseKinds,
  latestPasscode,
  lastMailTo,
  mailsTo,
  seedAccount,
  seedPerson,
  signIn,
  STRONG_PASSWORD,
  TestClient,
  type TestContext,
} from '../test/helpers.ts';

describe.each(databaseKinds)('signing in (%s)', (kind) => {
  let ctx: TestContext;
  let accountId: number;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db)).id;
  });
  afterAll(() => ctx.close());

  const contact = (options: Parameters<typeof seedPerson>[1] = {}) => seedPerson(ctx.db, { accountId, ...options });

  describe('password and e-mailed one-time passcode', () => {
    it('mails a 6-digit code after the right password and signs in with it', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      const login = await client.post('/api/auth/login', { email: person.email.toUpperCase(), password: person.password });
      expect(login.statusCode).toBe(200);
      expect(login.json()).toEqual({ stage: 'email_code' });
      const mail = await lastMailTo(ctx.db, person.email);
      expect(mail.subject).toBe('One-time passcode for Hanako Suzuki');
      expect(mail.expires_at).toBe(ctx.clock() + 10 * MINUTE);

      const before = (await client.get('/api/session')).json();
      expect(before.stage).toBe('email_code');
      expect(before.signIn.email).toBe(person.email);

      const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
      expect(otp.json()).toEqual({ stage: 'active' });
      const session = (await client.get('/api/session')).json();
      expect(session.stage).toBe('active');
      expect(session.person).toMatchObject({ email: person.email, firstName: 'Hanako', kind: 'contact' });
      expect(session.person).not.toHaveProperty('password_hash');
    });

    it('stores one-time codes hashed, never in clear', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const code = await latestPasscode(ctx.db, person.email);
      const stored = await ctx.db.selectFrom('one_time_codes').selectAll().where('person_id', '=', person.id).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0]!.code_hash).not.toContain(code);
    });

    it('refuses a wrong code, an expired code and a reused code', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const code = await latestPasscode(ctx.db, person.email);
      const wrong = await client.post('/api/auth/otp', { code: code === '000000' ? '111111' : '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ messageKey: 'errors.codeWrong', message: 'The one-time passcode is not correct.' });

      ctx.clock.advance(10 * MINUTE);
      const expired = await client.post('/api/auth/otp', { code });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().message).toMatch(/expired/);
      ctx.clock.advance(-10 * MINUTE);

      const second = new TestClient(ctx.app);
      await second.post('/api/auth/login', { email: person.email, password: person.password });
      const fresh = await latestPasscode(ctx.db, person.email);
      expect((await second.post('/api/auth/otp', { code: fresh })).json().stage).toBe('active');
      // The same code again, in a new sign-in: it belonged to the first one and was used.
      const third = new TestClient(ctx.app);
      await third.post('/api/auth/login', { email: person.email, password: person.password });
      const reused = await third.post('/api/auth/otp', { code: fresh });
      expect(reused.statusCode).toBe(400);
      expect((await third.get('/api/session')).json().stage).toBe('email_code');
    });

    it('allows 5 tries: the sixth, even right, needs a new code', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const code = await latestPasscode(ctx.db, person.email);
      const wrongCode = code === '123456' ? '654321' : '123456';
      for (let i = 0; i < 5; i++) expect((await client.post('/api/auth/otp', { code: wrongCode })).statusCode).toBe(400);
      const sixth = await client.post('/api/auth/otp', { code });
      expect(sixth.statusCode).toBe(400);
      expect(sixth.json().messageKey).toBe('errors.codeTooManyTries');

      const resend = await client.post('/api/auth/otp/resend');
      expect(resend.statusCode).toBe(200);
      const newCode = await latestPasscode(ctx.db, person.email);
      expect((await client.post('/api/auth/otp', { code: newCode })).json().stage).toBe('active');
    });
  });

  describe('answers that reveal nothing', () => {
    it('answers an unknown e-mail exactly like a wrong password', async () => {
      const person = await contact();
      const wrongPassword = await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: 'not-the-password-at-all' });
      const unknown = await new TestClient(ctx.app).post('/api/auth/login', { email: 'nobody.here@example.com', password: 'not-the-password-at-all' });
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      // Alike but for the request's own id.
      const { requestId: _unknownId, ...unknownAnswer } = unknown.json();
      const { requestId: _wrongId, ...wrongAnswer } = wrongPassword.json();
      expect(unknownAnswer).toEqual(wrongAnswer);
      expect(wrongPassword.json().message).toBe('The e-mail address or password is not correct.');
    });

    it('answers a reset for an unknown e-mail like one for a registered one, and mails only the registered', async () => {
      const person = await contact();
      const known = await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: person.email });
      const unknown = await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: 'nobody.at.all@example.com' });
      expect(known.statusCode).toBe(200);
      expect(unknown.body).toBe(known.body);
      expect(known.json().message).toBe('Your new password has been emailed to you if the address is registered.');
      expect(await mailsTo(ctx.db, 'nobody.at.all@example.com')).toHaveLength(0);
      expect((await lastMailTo(ctx.db, person.email)).subject).toBe('Customer Reset Password');
    });
  });

  describe('lockout (ASVS 6.3.1)', () => {
    it('locks an address after repeated failures: 20 wrong passwords, then even the right one waits', async () => {
      const person = await contact();
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await new TestClient(ctx.app, '10.0.0.7').post('/api/auth/login', { email: person.email, password: `wrong-password-${i}` });
        statuses.push(r.statusCode);
      }
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.slice(4)).toEqual(Array(16).fill(429));
      const right = await new TestClient(ctx.app, '10.0.0.8').post('/api/auth/login', { email: person.email, password: person.password });
      expect(right.statusCode).toBe(429);
      expect(right.json().message).toMatch(/Try again in \d+ minutes?/);
      const audit = await ctx.db.selectFrom('audit_events').select('type').where('email', '=', person.email).execute();
      expect(audit.filter((a) => a.type === 'login.failed').length).toBeGreaterThanOrEqual(5);
      expect(audit.some((a) => a.type === 'login.locked')).toBe(true);

      ctx.clock.advance(61 * MINUTE);
      const later = await new TestClient(ctx.app, '10.0.0.8').post('/api/auth/login', { email: person.email, password: person.password });
      expect(later.statusCode).toBe(200);
      ctx.clock.advance(-61 * MINUTE);
    });

    it('locks an unknown e-mail the same way, so a lock does not reveal that an address exists', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await new TestClient(ctx.app, '10.0.1.1').post('/api/auth/login', { email: 'ghost@example.com', password: `guess-number-${i}` })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    });

    it('locks a client address that tries many e-mail addresses', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await new TestClient(ctx.app, '10.0.2.2').post('/api/auth/login', { email: `spray${i}@example.com`, password: 'Winter2026!!' })).statusCode);
      expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(19)).toEqual([429, 429]);
    });
  });

  describe('sessions', () => {
    it('issues an opaque HttpOnly SameSite=Lax cookie and a new one at each step (ASVS 7.2.4)', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      const login = await client.post('/api/auth/login', { email: person.email, password: person.password });
      const first = login.cookies.find((c) => c.name === 'caseway_session')!;
      expect(first.httpOnly).toBe(true);
      expect(first.sameSite).toBe('Lax');
      expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
      const second = otp.cookies.find((c) => c.name === 'caseway_session')!;
      expect(second.value).not.toBe(first.value);
      // The pre-login token is dead.
      const stale = new TestClient(ctx.app);
      stale.cookies.set('caseway_session', first.value);
      expect((await stale.get('/api/session')).json().stage).toBe('anonymous');
    });

    it('ends the session on the server at logout', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      const token = client.cookies.get('caseway_session')!;
      expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
      const replay = new TestClient(ctx.app);
      replay.cookies.set('caseway_session', token);
      expect((await replay.get('/api/session')).json().stage).toBe('anonymous');
      expect(await ctx.db.selectFrom('sessions').select('id').where('person_id', '=', person.id).execute()).toHaveLength(0);
    });

    it('expires after 30 idle minutes and after 12 hours in all', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      ctx.clock.advance(29 * MINUTE);
      expect((await client.get('/api/session')).json().stage).toBe('active');
      ctx.clock.advance(29 * MINUTE);
      expect((await client.get('/api/session')).json().stage).toBe('active');
      ctx.clock.advance(31 * MINUTE);
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
      ctx.clock.advance(-89 * MINUTE);

      const longLived = await signIn(ctx, person);
      for (let i = 0; i < 25; i++) {
        ctx.clock.advance(29 * MINUTE);
        await longLived.get('/api/session');
      }
      expect((await longLived.get('/api/session')).json().stage).toBe('anonymous');
      ctx.clock.advance(-25 * 29 * MINUTE);
    });

    it('refuses deactivated people and ends their sessions at once', async () => {
      const person = await contact();
      const client = await signIn(ctx, person);
      await ctx.db.updateTable('people').set({ active: 0 }).where('id', '=', person.id).execute();
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
      const again = await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: person.password });
      expect(again.statusCode).toBe(403);
      expect(again.json().message).toMatch(/deactivated/);
    });
  });

  describe('CSRF and strict bodies', () => {
    it('refuses a state-changing request without the CSRF token (ASVS 3.5.1)', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      const response = await client.post('/api/auth/login', { email: person.email, password: person.password }, { csrf: false });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'csrf' });
      expect(await mailsTo(ctx.db, person.email)).toHaveLength(0);
    });

    it('refuses a CSRF token bound to another session', async () => {
      const person = await contact();
      const victim = await signIn(ctx, person);
      const attacker = new TestClient(ctx.app);
      await attacker.get('/api/session');
      const response = await victim.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': attacker.cookies.get('caseway_csrf')! }, csrf: false });
      expect(response.statusCode).toBe(403);
    });

    it('answers missing, wrong-typed, over-long and unknown fields with 400 and a message', async () => {
      const client = new TestClient(ctx.app);
      const missing = await client.post('/api/auth/login', { email: 'a@example.com' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().message).toMatch(/password/);
      const wrongType = await client.post('/api/auth/login', { email: 42, password: ['x'] });
      expect(wrongType.statusCode).toBe(400);
      const tooLong = await client.post('/api/auth/login', { email: `${'a'.repeat(300)}@example.com`, password: 'x' });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().message).toMatch(/254/);
      const extra = await client.post('/api/auth/login', { email: 'a@example.com', password: 'x', isAdmin: true });
      expect(extra.statusCode).toBe(400);
      const badCode = await client.post('/api/auth/otp', { code: '12ab' });
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json().message).toMatch(/6-digit/);
    });

    it('refuses a later step before the earlier ones (no skipping the second factor)', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const skip = await client.post('/api/auth/terms/accept', { version: '1' });
      expect(skip.statusCode).toBe(401);
      const pair = await client.get('/api/auth/totp/setup');
      expect(pair.statusCode).toBe(401);
    });
  });

  describe('temporary passwords, change password and terms of use', () => {
    it('leads a temporary password to Change password, then the terms, then in', async () => {
      const person = await contact({ mustChange: true, termsAccepted: false });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
      expect(otp.json().stage).toBe('change_password');

      const mismatch = await client.post('/api/auth/change-password', { currentPassword: person.password, newPassword: 'amber-harbour-lantern-7', confirmPassword: 'amber-harbour-lantern-8' });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json()).toMatchObject({ field: 'confirmPassword', message: 'The new password and its confirmation do not match.' });
      const weak = await client.post('/api/auth/change-password', { currentPassword: person.password, newPassword: 'short', confirmPassword: 'short' });
      expect(weak.json()).toMatchObject({ field: 'newPassword', messageKey: 'errors.password.too_short' });
      const common = await client.post('/api/auth/change-password', { currentPassword: person.password, newPassword: 'password1234', confirmPassword: 'password1234' });
      expect(common.json()).toMatchObject({ field: 'newPassword', messageKey: 'errors.password.common' });
      const wrongCurrent = await client.post('/api/auth/change-password', { currentPassword: 'not-my-password', newPassword: 'amber-harbour-lantern-7', confirmPassword: 'amber-harbour-lantern-7' });
      expect(wrongCurrent.json()).toMatchObject({ field: 'currentPassword' });
      expect((await client.get('/api/session')).json().stage).toBe('change_password');

      const changed = await client.post('/api/auth/change-password', { currentPassword: person.password, newPassword: 'amber-harbour-lantern-7', confirmPassword: 'amber-harbour-lantern-7' });
      expect(changed.json().stage).toBe('terms');
      const terms = (await client.get('/api/auth/terms')).json();
      expect(terms.version).toBe('1');
      expect(terms.text).toMatch(/Terms of use/);
      const stale = await client.post('/api/auth/terms/accept', { version: '0' });
      expect(stale.statusCode).toBe(409);
      expect((await client.post('/api/auth/terms/accept', { version: terms.version })).json().stage).toBe('active');
      const stored = await ctx.db.selectFrom('people').select(['terms_version_accepted', 'password_must_change']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ terms_version_accepted: '1', password_must_change: 0 });
    });

    it('shows the terms in Japanese to a Japanese reader', async () => {
      const response = await new TestClient(ctx.app).get('/api/auth/terms?language=ja');
      expect(response.json().text).toMatch(/利用規約/);
    });

    it('ends the person’s other sessions when the password changes', async () => {
      const person = await contact();
      const other = await signIn(ctx, person);
      const current = await signIn(ctx, person);
      const changed = await current.post('/api/auth/change-password', { currentPassword: person.password, newPassword: 'amber-harbour-lantern-9', confirmPassword: 'amber-harbour-lantern-9' });
      expect(changed.json().stage).toBe('active');
      expect((await current.get('/api/session')).json().stage).toBe('active');
      expect((await other.get('/api/session')).json().stage).toBe('anonymous');
    });
  });

  describe('password reset', () => {
    it('mails a temporary password; the old one works until it is used; using it forces a change', async () => {
      const person = await contact();
      await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: person.email });
      const mail = await lastMailTo(ctx.db, person.email);
      const temporary = /^\s{4}(\S{20})$/m.exec(mail.text_body)![1]!;
      expect(mail.text_body).toContain('http://portal.test/login');

      expect((await signIn(ctx, person)).cookies.has('caseway_session')).toBe(true);

      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: temporary });
      const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
      expect(otp.json().stage).toBe('change_password');
      const old = await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: person.password });
      expect(old.statusCode).toBe(401);
    });

    it('lets the temporary password expire after 60 minutes', async () => {
      const person = await contact();
      await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: person.email });
      const temporary = /^\s{4}(\S{20})$/m.exec((await lastMailTo(ctx.db, person.email)).text_body)![1]!;
      ctx.clock.advance(61 * MINUTE);
      const late = await new TestClient(ctx.app, '10.9.9.9').post('/api/auth/login', { email: person.email, password: temporary });
      expect(late.statusCode).toBe(401);
      ctx.clock.advance(-61 * MINUTE);
    });

    it('checks the e-mail format of a reset', async () => {
      const response = await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: 'not-an-email' });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/valid e-mail/);
    });
  });

  describe('authenticator app', () => {
    it('pairs at the first login with a QR code and the secret as text, then verifies later logins', async () => {
      const person = await contact({ otpMethod: 'app' });
      const client = new TestClient(ctx.app);
      const login = await client.post('/api/auth/login', { email: person.email, password: person.password });
      expect(login.json().stage).toBe('totp_pair');
      const setup = (await client.get('/api/auth/totp/setup')).json();
      expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Caseway:/);
      expect(setup.otpauthUri).toContain(`secret=${setup.secret}`);
      expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      expect((await client.get('/api/auth/totp/setup')).json().secret).toBe(setup.secret);

      const wrong = await client.post('/api/auth/totp/pair', { code: totpCodeAt(setup.secret, ctx.clock() - 5 * 30_000) });
      expect(wrong.statusCode).toBe(400);
      const paired = await client.post('/api/auth/totp/pair', { code: totpCodeAt(setup.secret, ctx.clock()) });
      expect(paired.json().stage).toBe('active');
      const audit = await ctx.db.selectFrom('audit_events').select('type').where('person_id', '=', person.id).execute();
      expect(audit.map((a) => a.type)).toContain('totp.paired');

      // Later login: "Verify your identity". The pairing code cannot be replayed.
      const later = new TestClient(ctx.app);
      expect((await later.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('totp_verify');
      const replay = await later.post('/api/auth/totp/verify', { code: totpCodeAt(setup.secret, ctx.clock()) });
      expect(replay.statusCode).toBe(400);
      ctx.clock.advance(30_000);
      const ok = await later.post('/api/auth/totp/verify', { code: totpCodeAt(setup.secret, ctx.clock()) });
      expect(ok.json().stage).toBe('active');
    });

    it('refuses a code from two steps ago and a code used once already', async () => {
      const secret = generateTotpSecret();
      const person = await contact({ otpMethod: 'app', totpSecret: secret });
      ctx.clock.advance(10 * 60_000);
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const old = await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock() - 60_000) });
      expect(old.statusCode).toBe(400);
      expect(old.json().messageKey).toBe('errors.totpWrong');
      const drift = await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock() - 30_000) });
      expect(drift.json().stage).toBe('active');

      const again = new TestClient(ctx.app);
      await again.post('/api/auth/login', { email: person.email, password: person.password });
      const reused = await again.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock() - 30_000) });
      expect(reused.statusCode).toBe(400);
    });

    it('leads a new app user with a temporary password through Change password before pairing', async () => {
      const person = await contact({ otpMethod: 'app', mustChange: true });
      const client = new TestClient(ctx.app);
      expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('change_password');
      const changed = await client.post('/api/auth/change-password', { currentPassword: person.password, newPassword: STRONG_PASSWORD + '-new', confirmPassword: STRONG_PASSWORD + '-new' });
      expect(changed.json().stage).toBe('totp_pair');
    });
  });
});
