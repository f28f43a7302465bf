import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../lib/clock.ts';
import { generateTotpSecret, totpCodeAt } from '../lib/totp.ts';
import { createPersonWithTemporaryPassword } from '../accounts/accounts.service.ts';
import {
  createTestApp,
  databaseKinds,
  lastMailTo,
  latestPasscode,
  seedAccount,
  seedPerson,
  signIn,
  TestClient,
  uniqueEmail,
  type SeedPerson,
  type TestContext,
} from '../test/helpers.ts';
import { AUTHENTICATOR_TRIES_PER_SIGN_IN, SECOND_FACTOR_FAILURE_LIMIT } from './second-factor.ts';
import { EMAIL_FAILURE_THRESHOLD, ADDRESS_FAILURE_THRESHOLD } from './lockout.ts';

/** A 6-digit code the authenticator does not show now, nor one step before or after. */
function wrongTotp(secret: string, now: number): string {
  const valid = new Set([-1, 0, 1].map((step) => totpCodeAt(secret, now + step * 30_000)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

const wrongPasscode = (right: string) => (right === '000000' ? '111111' : '000000');

describe.each(databaseKinds)('sign-in hardening (%s)', (kind) => {
  let ctx: TestContext;
  let accountId: number;
  const contact = (options: SeedPerson = {}) => seedPerson(ctx.db, { accountId, ...options });
  const auditTypes = async (personId: number) =>
    (await ctx.db.selectFrom('audit_events').select('type').where('person_id', '=', personId).orderBy('id').execute()).map((row) => row.type);
  const count = (types: string[], type: string) => types.filter((t) => t === type).length;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db)).id;
  });
  afterAll(() => ctx.close());

  describe('authenticator codes cannot be guessed without limit (NIST SP 800-63B §5.2.2)', () => {
    it(`ends a sign-in after ${AUTHENTICATOR_TRIES_PER_SIGN_IN} wrong codes: the right code then needs the password again`, async () => {
      const secret = generateTotpSecret();
      const person = await contact({ otpMethod: 'app', totpSecret: secret });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      for (let i = 1; i < AUTHENTICATOR_TRIES_PER_SIGN_IN; i++) {
        const wrong = await client.post('/api/auth/totp/verify', { code: wrongTotp(secret, ctx.clock()) });
        expect(wrong.json().messageKey, `try ${i}`).toBe('errors.totpWrong');
      }
      const last = await client.post('/api/auth/totp/verify', { code: wrongTotp(secret, ctx.clock()) });
      expect(last.statusCode).toBe(401);
      expect(last.json().messageKey).toBe('errors.signInRestart');
      const right = await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) });
      expect(right.statusCode).toBe(401);
      expect((await client.get('/api/session')).json().stage).toBe('anonymous');
      expect(count(await auditTypes(person.id), 'second_factor.sign_in_ended')).toBe(1);

      await client.post('/api/auth/login', { email: person.email, password: person.password });
      expect((await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json().stage).toBe('active');
    });

    it('compares no more codes than the limit when they all arrive at once', async () => {
      const secret = generateTotpSecret();
      const person = await contact({ otpMethod: 'app', totpSecret: secret });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const answers = await Promise.all(Array.from({ length: 30 }, () => client.post('/api/auth/totp/verify', { code: wrongTotp(secret, ctx.clock()) })));
      expect(answers.filter((a) => a.json().messageKey === 'errors.totpWrong')).toHaveLength(AUTHENTICATOR_TRIES_PER_SIGN_IN - 1);
      expect(count(await auditTypes(person.id), 'second_factor.failed')).toBe(AUTHENTICATOR_TRIES_PER_SIGN_IN);
      const stored = await ctx.db.selectFrom('people').select('second_factor_failures').where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored.second_factor_failures).toBe(AUTHENTICATOR_TRIES_PER_SIGN_IN);
    });

    it(`locks the account's second factor after ${SECOND_FACTOR_FAILURE_LIMIT} wrong codes in a row across sign-ins, until a password reset`, async () => {
      const secret = generateTotpSecret();
      const person = await contact({ otpMethod: 'app', totpSecret: secret });
      const attacker = new TestClient(ctx.app, '203.0.113.7');
      for (let signInNumber = 0; signInNumber < SECOND_FACTOR_FAILURE_LIMIT / AUTHENTICATOR_TRIES_PER_SIGN_IN; signInNumber++) {
        expect((await attacker.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('totp_verify');
        for (let i = 0; i < AUTHENTICATOR_TRIES_PER_SIGN_IN; i++) await attacker.post('/api/auth/totp/verify', { code: wrongTotp(secret, ctx.clock()) });
      }
      expect(count(await auditTypes(person.id), 'second_factor.locked')).toBe(1);

      const owner = new TestClient(ctx.app);
      const refused = await owner.post('/api/auth/login', { email: person.email, password: person.password });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().messageKey).toBe('errors.secondFactorLocked');

      await owner.post('/api/auth/forgot-password', { email: person.email });
      const temporary = /^\s{4}(\S+)$/m.exec((await lastMailTo(ctx.db, person.email)).text_body)![1]!;
      expect((await owner.post('/api/auth/login', { email: person.email, password: temporary })).json().stage).toBe('totp_verify');
      expect((await owner.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json().stage).toBe('change_password');
    });

    it('counts wrong e-mailed codes against the same account-wide limit', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      let wrongs = 0;
      while (wrongs < SECOND_FACTOR_FAILURE_LIMIT) {
        await client.post('/api/auth/login', { email: person.email, password: person.password });
        const right = await latestPasscode(ctx.db, person.email);
        for (let i = 0; i < 5 && wrongs < SECOND_FACTOR_FAILURE_LIMIT; i++, wrongs++) await client.post('/api/auth/otp', { code: wrongPasscode(right) });
      }
      const locked = await client.post('/api/auth/login', { email: person.email, password: person.password });
      expect(locked.json().messageKey).toBe('errors.secondFactorLocked');
    });

    it('forgets wrong codes once the right one is given', async () => {
      const secret = generateTotpSecret();
      const person = await contact({ otpMethod: 'app', totpSecret: secret });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      for (let i = 0; i < 3; i++) await client.post('/api/auth/totp/verify', { code: wrongTotp(secret, ctx.clock()) });
      expect((await client.post('/api/auth/totp/verify', { code: totpCodeAt(secret, ctx.clock()) })).json().stage).toBe('active');
      const stored = await ctx.db.selectFrom('people').select('second_factor_failures').where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(stored.second_factor_failures).toBe(0);
    });
  });

  describe('the password lockout holds for parallel bursts', () => {
    it(`checks at most ${EMAIL_FAILURE_THRESHOLD} passwords of a burst; the rest are locked out unchecked`, async () => {
      const person = await contact();
      const client = new TestClient(ctx.app, '198.51.100.20');
      await client.get('/api/session');
      const burst = [...Array.from({ length: 11 }, () => 'wrong-password-guess'), person.password].map((password) =>
        client.post('/api/auth/login', { email: person.email, password }),
      );
      const answers = await Promise.all(burst);
      const types = await auditTypes(person.id);
      const checked = count(types, 'login.failed') + count(types, 'login.succeeded') + answers.filter((a) => a.statusCode === 200).length;
      expect(checked).toBeLessThanOrEqual(EMAIL_FAILURE_THRESHOLD);
      expect(answers.filter((a) => a.statusCode === 429).length).toBeGreaterThanOrEqual(12 - EMAIL_FAILURE_THRESHOLD);
      // Unless the right one was among the first five, the lock stands after the burst.
      if (answers.at(-1)!.statusCode !== 200) {
        expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(429);
      }
    });

    it('keeps the lock for a burst of wrong passwords: the right one sent after it waits', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app, '198.51.100.21');
      await client.get('/api/session');
      const answers = await Promise.all(Array.from({ length: 12 }, () => client.post('/api/auth/login', { email: person.email, password: 'wrong-password-guess' })));
      expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(EMAIL_FAILURE_THRESHOLD - 1);
      expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(12 - EMAIL_FAILURE_THRESHOLD + 1);
      const stored = await ctx.db.selectFrom('login_throttles').select('failures').where('key', 'like', 'email:%').execute();
      expect(stored.map((row) => row.failures)).toContain(EMAIL_FAILURE_THRESHOLD);
      expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(429);
    });

    it('does not let a sign-in to one’s own account clear the client address’s failures that guard other accounts', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app, '198.51.100.22');
      for (let i = 0; i < ADDRESS_FAILURE_THRESHOLD - 1; i++) {
        expect((await client.post('/api/auth/login', { email: uniqueEmail('sprayed'), password: 'wrong-password-guess' })).statusCode).toBe(401);
      }
      expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(200);
      const next = await client.post('/api/auth/login', { email: uniqueEmail('sprayed'), password: 'wrong-password-guess' });
      expect(next.statusCode).toBe(429);
    });
  });

  describe('device cookies: a browser that signed in before is not held by the address-wide lock', () => {
    it('lets the owner’s browser in while an attacker keeps the address locked', async () => {
      const person = await contact();
      const owner = await signIn(ctx, person, new TestClient(ctx.app, '192.0.2.10'));
      expect(owner.cookies.get('caseway_device')).toMatch(/^[\w-]+\.[0-9a-f]{64}$/);
      await owner.post('/api/auth/logout');

      const attacker = new TestClient(ctx.app, '203.0.113.50');
      for (let i = 0; i < EMAIL_FAILURE_THRESHOLD; i++) await attacker.post('/api/auth/login', { email: person.email, password: 'wrong-password-guess' });
      expect((await attacker.post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(429);
      const stranger = new TestClient(ctx.app, '192.0.2.11');
      expect((await stranger.post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(429);

      expect((await owner.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('email_code');
      // Another address's device cookie and a forged one are worth nothing.
      const other = await contact();
      const borrowed = new TestClient(ctx.app, '203.0.113.51');
      borrowed.cookies.set('caseway_device', owner.cookies.get('caseway_device')!);
      for (let i = 0; i < EMAIL_FAILURE_THRESHOLD; i++) await attacker.post('/api/auth/login', { email: other.email, password: 'wrong-password-guess' });
      expect((await borrowed.post('/api/auth/login', { email: other.email, password: other.password })).statusCode).toBe(429);
      borrowed.cookies.set('caseway_device', `${owner.cookies.get('caseway_device')!.split('.')[0]}.${'0'.repeat(64)}`);
      expect((await borrowed.post('/api/auth/login', { email: person.email, password: person.password })).statusCode).toBe(429);
    });

    it('locks a device cookie that guesses, and then treats its browser like any other', async () => {
      const person = await contact();
      const browser = await signIn(ctx, person, new TestClient(ctx.app, '192.0.2.20'));
      await browser.post('/api/auth/logout');
      for (let i = 0; i < EMAIL_FAILURE_THRESHOLD; i++) await browser.post('/api/auth/login', { email: person.email, password: 'wrong-password-guess' });
      expect((await browser.post('/api/auth/login', { email: person.email, password: 'wrong-password-guess' })).statusCode).toBe(401);
      const keys = (await ctx.db.selectFrom('login_throttles').select(['key', 'failures']).where('key', 'like', 'device:%').execute()).filter((row) => row.failures >= EMAIL_FAILURE_THRESHOLD);
      expect(keys).toHaveLength(1);
    });
  });

  describe('temporary passwords expire and work once', () => {
    it('refuses a temporary password from the command line after 7 days', async () => {
      const email = uniqueEmail('cli');
      const { temporaryPassword } = await createPersonWithTemporaryPassword(ctx.db, { kind: 'contact', accountId, email, firstName: 'Ken', lastName: 'Ito', roles: [], timeZone: 'UTC', now: ctx.clock() });
      ctx.clock.advance(7 * DAY + MINUTE);
      const client = new TestClient(ctx.app);
      const login = await client.post('/api/auth/login', { email, password: temporaryPassword });
      expect(login.statusCode).toBe(401);
      expect(login.json().messageKey).toBe('errors.temporaryPasswordSpent');
    });

    it('accepts a temporary password once: a second login with it is refused, the first sign-in may still finish the change', async () => {
      const email = uniqueEmail('once');
      const { temporaryPassword } = await createPersonWithTemporaryPassword(ctx.db, { kind: 'contact', accountId, email, firstName: 'Ken', lastName: 'Ito', roles: [], timeZone: 'UTC', now: ctx.clock() });
      const first = new TestClient(ctx.app);
      expect((await first.post('/api/auth/login', { email, password: temporaryPassword })).json().stage).toBe('email_code');
      const second = new TestClient(ctx.app);
      expect((await second.post('/api/auth/login', { email, password: temporaryPassword })).json().messageKey).toBe('errors.temporaryPasswordSpent');

      expect((await first.post('/api/auth/otp', { code: await latestPasscode(ctx.db, email) })).json().stage).toBe('change_password');
      const changed = await first.post('/api/auth/change-password', { currentPassword: temporaryPassword, newPassword: 'amber-harbor-lantern-77', confirmPassword: 'amber-harbor-lantern-77' });
      expect(changed.json().stage).toBe('terms');
      expect((await new TestClient(ctx.app).post('/api/auth/login', { email, password: 'amber-harbor-lantern-77' })).json().stage).toBe('email_code');
    });

    it('accepts a reset’s temporary password once', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/forgot-password', { email: person.email });
      const temporary = /^\s{4}(\S+)$/m.exec((await lastMailTo(ctx.db, person.email)).text_body)![1]!;
      expect((await client.post('/api/auth/login', { email: person.email, password: temporary })).json().stage).toBe('email_code');
      const again = await new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: temporary });
      expect(again.json().messageKey).toBe('errors.temporaryPasswordSpent');
    });
    it('lets only one of two sign-ins racing with one temporary password in', async () => {
      const email = uniqueEmail('race');
      const { temporaryPassword } = await createPersonWithTemporaryPassword(ctx.db, { kind: 'contact', accountId, email, firstName: 'Ken', lastName: 'Ito', roles: [], timeZone: 'UTC', now: ctx.clock() });
      const answers = await Promise.all(Array.from({ length: 4 }, () => new TestClient(ctx.app).post('/api/auth/login', { email, password: temporaryPassword })));
      expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.json().messageKey === 'errors.temporaryPasswordSpent')).toHaveLength(3);

      const person = await contact();
      await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: person.email });
      const reset = /^\s{4}(\S+)$/m.exec((await lastMailTo(ctx.db, person.email)).text_body)![1]!;
      const resets = await Promise.all(Array.from({ length: 4 }, () => new TestClient(ctx.app).post('/api/auth/login', { email: person.email, password: reset })));
      expect(resets.filter((a) => a.statusCode === 200)).toHaveLength(1);
    });
  });

  describe('before the second factor', () => {
    it('tells only the typed address and whether a passkey may serve: no name, roles, account or Customer Identifier', async () => {
      const person = await contact({ roles: ['account_admin'] });
      const client = new TestClient(ctx.app);
      await client.post('/api/auth/login', { email: person.email, password: person.password });
      const session = (await client.get('/api/session')).json();
      expect(session).toEqual({ stage: 'email_code', person: null, signIn: { email: person.email, passkey: false }, devMailbox: expect.any(Boolean), defaultTimeZone: 'UTC' });
    });
  });

  describe('stale and planted session cookies', () => {
    it('never block a fresh login', async () => {
      const person = await contact();
      const client = new TestClient(ctx.app);
      await client.get('/api/session');
      client.cookies.set('caseway_session', 'planted-by-someone-else');
      // The page's token was bound to no session; the cookie now names one it does not fit.
      const refused = await client.post('/api/auth/login', { email: person.email, password: person.password });
      expect(refused.json().code).toBe('csrf');
      // The refusal brought a token that fits, so trying again works.
      expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('email_code');

      const stale = await signIn(ctx, person);
      await ctx.db.deleteFrom('sessions').where('person_id', '=', person.id).execute();
      const reload = await stale.get('/api/session');
      expect(reload.json().stage).toBe('anonymous');
      expect(stale.cookies.has('caseway_session')).toBe(false);
      expect((await stale.post('/api/auth/login', { email: person.email, password: person.password })).json().stage).toBe('email_code');
    });
  });
});
