import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Person, Session } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { enqueueMail } from '../lib/mail.ts';
import { hmac } from '../lib/secrets.ts';
import { endSession, type SessionContext } from '../lib/sessions.ts';
import { verifyTotp } from '../lib/totp.ts';
import { oneTimePasscodeMail } from './auth.emails.ts';
import { countOneTimeCodes, insertOneTimeCode, latestOneTimeCode } from './auth.repository.ts';

export const ONE_TIME_CODE_TTL_MS = 10 * MINUTE;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;
/** New codes one sign-in may ask for before it has to start again with the password. */
export const ONE_TIME_CODES_PER_SIGN_IN = 5;
/** Authenticator codes one sign-in (or re-authentication) may try before it starts again with the password. */
export const AUTHENTICATOR_TRIES_PER_SIGN_IN = 5;
/**
 * Wrong second-factor codes in a row one account allows, across sign-ins and methods (NIST SP
 * 800-63B §5.2.2 allows at most 100). Then the account signs in again only after a password reset,
 * which proves its mailbox.
 */
export const SECOND_FACTOR_FAILURE_LIMIT = 20;

export type SecondFactorDeps = { db: Db; serverKey: Buffer; kickMail: () => void };

/** Why a code is asked for: to finish a sign-in, or to confirm it is still the person (re-authentication). */
export type CodePurpose = 'sign_in' | 'reauthentication';

const wrongEmailCode = () => new AppError('bad_request', 'The one-time passcode is not correct.', 'errors.codeWrong', 'code');
const expiredEmailCode = () => new AppError('bad_request', 'This one-time passcode has expired. Request a new code.', 'errors.codeExpired', 'code');
const tooManyEmailTries = () => new AppError('bad_request', 'Too many wrong codes. Request a new code.', 'errors.codeTooManyTries', 'code');
const wrongAuthenticatorCode = () =>
  new AppError('bad_request', 'The verification code is not correct. Enter the code your authenticator app shows now.', 'errors.totpWrong', 'code');
const signInRestart = () => new AppError('unauthenticated', 'Too many wrong codes. Log in again with your password.', 'errors.signInRestart');
export const secondFactorLocked = () =>
  new AppError(
    'too_many_requests',
    'Too many wrong codes were entered for this account. To sign in again, choose "Forgot your password?" and use the temporary password it mails you.',
    'errors.secondFactorLocked',
  );

/** Mails a new 6-digit code bound to this session; the code itself is stored only as an HMAC. */
export async function sendOneTimeCode(deps: SecondFactorDeps, person: Person, sessionId: string, now: number, purpose: CodePurpose = 'sign_in'): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = now + ONE_TIME_CODE_TTL_MS;
  await deps.db.transaction().execute(async (trx) => {
    await insertOneTimeCode(trx, { personId: person.id, sessionId, codeHash: hmac(deps.serverKey, `${sessionId}|${code}`), expiresAt, now });
    await enqueueMail(trx, {
      to: person.email,
      language: person.language,
      content: oneTimePasscodeMail[person.language]({ firstName: person.first_name, lastName: person.last_name, code, minutes: ONE_TIME_CODE_TTL_MS / MINUTE, purpose }),
      now,
      expiresAt,
    });
  });
  deps.kickMail();
}

export async function resendOneTimeCode(deps: SecondFactorDeps, session: Session, person: Person, now: number, purpose: CodePurpose = 'sign_in'): Promise<void> {
  if ((await countOneTimeCodes(deps.db, session.id)) >= ONE_TIME_CODES_PER_SIGN_IN) {
    throw new AppError('too_many_requests', 'Too many codes were sent for this login. Log in again with your password.', 'errors.tooManyCodes');
  }
  await sendOneTimeCode(deps, person, session.id, now, purpose);
}

/**
 * Counts one more try at the account's second factor, before it is compared, while the account is
 * under its limit; returns the count, or null at the limit. Counting first is what makes a limit
 * hold for parallel tries: each one takes a place or is refused.
 */
async function countAccountTry(db: Db, personId: number): Promise<number | null> {
  const row = await db
    .updateTable('people')
    .set((eb) => ({ second_factor_failures: eb('second_factor_failures', '+', 1) }))
    .where('id', '=', personId)
    .where('second_factor_failures', '<', SECOND_FACTOR_FAILURE_LIMIT)
    .returning('second_factor_failures')
    .executeTakeFirst();
  return row?.second_factor_failures ?? null;
}

/** Counts one more authenticator code tried in this session, under its limit; the count, or null at the limit. */
async function countSessionTry(db: Db, sessionId: string): Promise<number | null> {
  const row = await db
    .updateTable('sessions')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', '=', sessionId)
    .where('code_attempts', '<', AUTHENTICATOR_TRIES_PER_SIGN_IN)
    .returning('code_attempts')
    .executeTakeFirst();
  return row?.code_attempts ?? null;
}

/** Counts one more try of the e-mailed code, under its limit; the count, or null at the limit. */
async function countEmailCodeTry(db: Db, codeId: number): Promise<number | null> {
  const row = await db
    .updateTable('one_time_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', codeId)
    .where('attempts', '<', ONE_TIME_CODE_MAX_ATTEMPTS)
    .where('used_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? null;
}

/**
 * Accepts a TOTP code at most once: the matched time step is stored with a conditional update, so
 * two requests racing with the same code cannot both win.
 */
async function acceptTotpStep(db: Db, person: Person, secret: string, code: string, now: number): Promise<boolean> {
  const step = verifyTotp(secret, code, now, person.totp_last_step);
  if (step === null) return false;
  const result = await db
    .updateTable('people')
    .set({ totp_last_step: step, updated_at: now })
    .where('id', '=', person.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Checks a code of the person's second factor: the e-mailed code (10 minutes, once, 5 tries a code:
 * NIST SP 800-63B §5.1.3) or the paired authenticator's (5 tries a sign-in). Every try counts,
 * before it is compared, against those limits and against the account's wrong codes in a row;
 * reaching a limit ends this session, so the next try starts with the password again. Resolves when
 * the code is right; throws, with the message the person needs, when not.
 */
export async function checkSecondFactorCode(deps: SecondFactorDeps, session: Session, person: Person, code: string, context: SessionContext, purpose: CodePurpose): Promise<void> {
  const { db } = deps;
  const method = person.otp_method;
  const audit = { at: context.now, personId: person.id, ip: context.ip };
  const stop = async (error: AppError) => {
    await endSession(db, session.id);
    return error;
  };

  // The e-mailed code's own tries, or the authenticator's tries in this session; `lastTry` when this one used up the last.
  let compare: () => Promise<boolean>;
  let lastTry: boolean;
  if (method === 'email') {
    const stored = await latestOneTimeCode(db, session.id);
    if (!stored || stored.used_at !== null || stored.expires_at <= context.now) throw expiredEmailCode();
    const tries = await countEmailCodeTry(db, stored.id);
    if (tries === null) throw tooManyEmailTries();
    lastTry = tries >= ONE_TIME_CODE_MAX_ATTEMPTS;
    compare = async () => {
      if (hmac(deps.serverKey, `${session.id}|${code}`) !== stored.code_hash) return false;
      const used = await db.updateTable('one_time_codes').set({ used_at: context.now }).where('id', '=', stored.id).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw expiredEmailCode();
      return true;
    };
  } else {
    const tries = await countSessionTry(db, session.id);
    if (tries === null) throw await stop(signInRestart());
    lastTry = tries >= AUTHENTICATOR_TRIES_PER_SIGN_IN;
    compare = async () => !!person.totp_secret && (await acceptTotpStep(db, person, person.totp_secret, code, context.now));
  }

  const failures = await countAccountTry(db, person.id);
  if (failures === null) throw await stop(secondFactorLocked());
  if (await compare()) {
    await db.updateTable('people').set({ second_factor_failures: 0 }).where('id', '=', person.id).execute();
    await recordAudit(db, { ...audit, type: 'second_factor.passed', detail: { method, purpose } });
    return;
  }
  await recordAudit(db, { ...audit, type: 'second_factor.failed', detail: { method, purpose } });
  if (failures >= SECOND_FACTOR_FAILURE_LIMIT) {
    await recordAudit(db, { ...audit, type: 'second_factor.locked', detail: { failures } });
    throw await stop(secondFactorLocked());
  }
  if (method === 'email') throw lastTry ? tooManyEmailTries() : wrongEmailCode();
  if (lastTry) {
    await recordAudit(db, { ...audit, type: 'second_factor.sign_in_ended', detail: { method, purpose } });
    throw await stop(signInRestart());
  }
  throw wrongAuthenticatorCode();
}
