import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../lib/secrets.ts';
import { generateTotpSecret, totpCodeAt } from '../lib/totp.ts';
import { createTestApp, databaseKinds, latestPasscode, seedAccount, seedPerson, TestClient, type TestContext } from '../test/helpers.ts';
import { EMAIL_FAILURE_THRESHOLD } from './lockout.ts';
import { AUTHENTICATOR_TRIES_PER_SIGN_IN, ONE_TIME_CODE_MAX_ATTEMPTS, SECOND_FACTOR_FAILURE_LIMIT } from './second-factor.ts';

/** What a random sign-in session does next: one request, or several at the same moment. */
type Action =
  | { kind: 'login'; right: boolean }
  | { kind: 'burst'; rights: boolean[] }
  | { kind: 'code'; right: boolean }
  | { kind: 'codes'; rights: boolean[] }
  | { kind: 'resend' };

/** Mostly wrong, as an attacker's guesses are, so that sequences reach the limits. */
const right = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);
const together = fc.array(right, { minLength: 2, maxLength: 8 });

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('login' as const), right }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('burst' as const), rights: together }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('code' as const), right }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('codes' as const), rights: together }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('resend' as const) }), weight: 1 },
);

const WRONG_PASSWORD = 'not-the-password-at-all';

describe.each(databaseKinds)('sign-in limits under random sequences of steps (%s)', (kind) => {
  let ctx: TestContext;
  let accountId: number;
  let run = 0;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db)).id;
  });
  afterAll(() => ctx.close());

  /**
   * The clock stands still, so no lock runs out during a sequence: every bound below is exact.
   * Invariants: no sign-in completes without the right password and then the right code; no more
   * wrong passwords are compared than the lockout allows between right ones, nor wrong codes than
   * the second factor's limits allow; an address that is locked stays locked for a whole burst.
   */
  // Forty runs of argon2-bound steps: seconds alone, more on a machine busy with other test files.
  it('never signs in without both factors, never compares more than the allowed failures, and keeps a lock for a burst', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('email' as const, 'app' as const), fc.array(action, { minLength: 1, maxLength: 30 }), async (method, actions) => {
        run += 1;
        const secret = generateTotpSecret();
        const person = await seedPerson(ctx.db, { accountId, otpMethod: method, totpSecret: method === 'app' ? secret : null });
        let ip = 0;
        const newClient = () => new TestClient(ctx.app, `10.${run % 250}.${Math.floor(ip / 250)}.${ip++ % 250}`);
        const login = (right: boolean) => {
          const client = newClient();
          return client.post('/api/auth/login', { email: person.email, password: right ? person.password : WRONG_PASSWORD }).then((answer) => ({ client, answer }));
        };
        const rightCode = async () => (method === 'email' ? latestPasscode(ctx.db, person.email) : totpCodeAt(secret, ctx.clock()));
        const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');
        const codePath = method === 'email' ? '/api/auth/otp' : '/api/auth/totp/verify';

        let current: TestClient | null = null;
        // Wrong codes compared in the current sign-in, and against the current e-mailed code.
        let comparedThisSignIn = 0;
        let comparedThisCode = 0;
        let passwordsRight = 0;
        let secondFactorsPassed = 0;
        const emailLocked = async () =>
          (await ctx.db.selectFrom('login_throttles').select('locked_until').where('key', '=', `email:${sha256(person.email)}`).where('locked_until', '>', ctx.clock()).execute()).length > 0;
        const audits = async (type: string) =>
          Number(
            (
              await ctx.db
                .selectFrom('audit_events')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where((eb) => eb.or([eb('email', '=', person.email), eb('person_id', '=', person.id)]))
                .where('type', '=', type)
                .executeTakeFirstOrThrow()
            ).n,
          );
        const countPasswordAnswer = (answer: LightMyRequestResponse) => {
          // The password was right (and its count forgotten) also when the second factor is locked.
          if (answer.statusCode === 200 || answer.json().messageKey === 'errors.secondFactorLocked') passwordsRight += 1;
          // A right password never gets "wrong password"; a wrong one never gets through.
          expect([200, 401, 429, 403]).toContain(answer.statusCode);
        };
        const sendCodes = async (client: TestClient, rights: boolean[]) => {
          const right = await rightCode();
          const failedBefore = await audits('second_factor.failed');
          const answers = await Promise.all(rights.map((isRight) => client.post(codePath, { code: isRight ? right : wrongCode(right) })));
          const compared = (await audits('second_factor.failed')) - failedBefore;
          comparedThisSignIn += compared;
          comparedThisCode += compared;
          if (method === 'app') expect(comparedThisSignIn).toBeLessThanOrEqual(AUTHENTICATOR_TRIES_PER_SIGN_IN);
          else expect(comparedThisCode).toBeLessThanOrEqual(ONE_TIME_CODE_MAX_ATTEMPTS);
          answers.forEach((answer, i) => {
            // Never signed in by a wrong code.
            if (!rights[i]) expect(answer.json().stage).not.toBe('active');
            if (answer.json().stage === 'active') {
              secondFactorsPassed += 1;
              current = null;
            }
          });
          if (method === 'app' && answers.some((answer) => answer.json().stage === 'active')) {
            // The authenticator's code is accepted once a time step; the clock stands still, so let it count again.
            await ctx.db.updateTable('people').set({ totp_last_step: null }).where('id', '=', person.id).execute();
          }
        };

        for (const step of actions) {
          if (step.kind === 'login') {
            const { client, answer } = await login(step.right);
            if (!step.right) expect(answer.statusCode).not.toBe(200);
            countPasswordAnswer(answer);
            if (answer.statusCode === 200) {
              current = client;
              comparedThisSignIn = comparedThisCode = 0;
            }
          } else if (step.kind === 'burst') {
            const lockedBefore = await emailLocked();
            const answers = await Promise.all(step.rights.map((right) => login(right)));
            answers.forEach(({ answer }, i) => {
              if (!step.rights[i]) expect(answer.statusCode).not.toBe(200);
              // A locked account stays locked for the whole burst, the right password included.
              if (lockedBefore) expect(answer.statusCode, answer.body).toBe(429);
              countPasswordAnswer(answer);
            });
            current = null;
          } else if (current && step.kind === 'code') {
            await sendCodes(current, [step.right]);
          } else if (current && step.kind === 'codes') {
            await sendCodes(current, step.rights);
          } else if (current && step.kind === 'resend' && method === 'email') {
            if ((await current.post('/api/auth/otp/resend')).statusCode === 200) comparedThisCode = 0;
          }

          const stored = await ctx.db.selectFrom('people').select('second_factor_failures').where('id', '=', person.id).executeTakeFirstOrThrow();
          expect(stored.second_factor_failures).toBeLessThanOrEqual(SECOND_FACTOR_FAILURE_LIMIT);
          const sessions = await ctx.db.selectFrom('sessions').select('code_attempts').where('person_id', '=', person.id).execute();
          for (const session of sessions) expect(session.code_attempts).toBeLessThanOrEqual(AUTHENTICATOR_TRIES_PER_SIGN_IN);
          const codes = await ctx.db.selectFrom('one_time_codes').select('attempts').where('person_id', '=', person.id).execute();
          for (const code of codes) expect(code.attempts).toBeLessThanOrEqual(ONE_TIME_CODE_MAX_ATTEMPTS);
        }

        // Every sign-in that completed is one that gave the right password and then the right code.
        expect(await audits('login.succeeded')).toBe(secondFactorsPassed);
        expect(secondFactorsPassed).toBeLessThanOrEqual(passwordsRight);
        // Wrong passwords compared: at most the threshold before each right one, and before the end;
        // wrong codes compared: at most the account's limit before each right one.
        expect(await audits('login.failed')).toBeLessThanOrEqual(EMAIL_FAILURE_THRESHOLD * (passwordsRight + 1));
        expect(await audits('second_factor.failed')).toBeLessThanOrEqual(SECOND_FACTOR_FAILURE_LIMIT * (secondFactorsPassed + 1));
      }),
      { numRuns: 40 },
    );
  });
});
