import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { Db } from '../db/database.ts';
import type { Person, Session, SessionStage } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { enqueueMail } from '../lib/mail.ts';
import {
  checkPasswordPolicy,
  generateTemporaryPassword,
  hashPassword,
  passwordProblemMessages,
  verifyDecoy,
  verifyPassword,
} from '../lib/passwords.ts';
import { hmac, sha256 } from '../lib/secrets.ts';
import { advanceSession, createSession, endOtherSessions, endSession, type SessionContext } from '../lib/sessions.ts';
import { generateTotpSecret, totpUri, verifyTotp } from '../lib/totp.ts';
import { oneTimePasscodeMail, resetPasswordMail } from './auth.emails.ts';
import {
  clearFailures,
  countOneTimeCodes,
  findPersonByEmail,
  insertOneTimeCode,
  latestOneTimeCode,
  lockedUntil,
  recordFailure,
  updatePerson,
} from './auth.repository.ts';
import { ADDRESS_FAILURE_THRESHOLD, EMAIL_FAILURE_THRESHOLD } from './lockout.ts';
import { currentTerms } from './terms.ts';

export const ONE_TIME_CODE_TTL_MS = 10 * MINUTE;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;
/** New codes one sign-in may ask for before it has to start again with the password. */
const ONE_TIME_CODES_PER_SIGN_IN = 5;
export const RESET_PASSWORD_TTL_MS = 60 * MINUTE;

export type AuthDeps = { db: Db; serverKey: Buffer; publicUrl: string; kickMail: () => void };
type StepResult = { stage: SessionStage; token: string };

const wrongCredentials = () => new AppError('unauthenticated', 'The e-mail address or password is not correct.', 'errors.wrongCredentials');

function lockedError(until: number, now: number) {
  const minutes = Math.max(1, Math.ceil((until - now) / MINUTE));
  return new AppError('too_many_requests', `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'errors.locked');
}

/** The sign-in step that follows the second factor, for this person as they are now. */
async function stageAfterSecondFactor(db: Db, person: Person): Promise<SessionStage> {
  if (person.password_must_change === 1) return 'change_password';
  if (person.otp_method === 'app' && !person.totp_secret) return 'totp_pair';
  const terms = await currentTerms(db, person.language);
  if (person.terms_version_accepted !== terms.version) return 'terms';
  return 'active';
}

async function sendOneTimeCode(deps: AuthDeps, person: Person, sessionId: string, now: number): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = now + ONE_TIME_CODE_TTL_MS;
  await deps.db.transaction().execute(async (trx) => {
    await insertOneTimeCode(trx, { personId: person.id, sessionId, codeHash: hmac(deps.serverKey, `${sessionId}|${code}`), expiresAt, now });
    await enqueueMail(trx, {
      to: person.email,
      language: person.language,
      content: oneTimePasscodeMail[person.language]({ firstName: person.first_name, lastName: person.last_name, code, minutes: ONE_TIME_CODE_TTL_MS / MINUTE }),
      now,
      expiresAt,
    });
  });
  deps.kickMail();
}

/**
 * Checks the password and starts a sign-in. Unknown addresses, wrong passwords and locks answer
 * alike whether or not the address is registered: the throttle is kept per typed address.
 */
export async function logIn(deps: AuthDeps, input: { email: string; password: string; context: SessionContext }): Promise<StepResult> {
  const { db } = deps;
  const now = input.context.now;
  const email = input.email.trim().toLowerCase();
  const emailKey = `email:${sha256(email)}`;
  const addressKey = `ip:${input.context.ip}`;

  const locked = await lockedUntil(db, [emailKey, addressKey], now);
  if (locked > now) {
    await recordAudit(db, { type: 'login.locked', at: now, email, ip: input.context.ip });
    throw lockedError(locked, now);
  }

  const person = await findPersonByEmail(db, email);
  let passwordOk = false;
  let usedResetPassword = false;
  if (!person) {
    await verifyDecoy(input.password);
  } else {
    passwordOk = await verifyPassword(person.password_hash, input.password);
    if (!passwordOk && person.reset_password_hash && person.reset_expires_at && person.reset_expires_at > now) {
      usedResetPassword = await verifyPassword(person.reset_password_hash, input.password);
      passwordOk = usedResetPassword;
    }
  }

  if (!person || !passwordOk) {
    const emailLock = await recordFailure(db, emailKey, EMAIL_FAILURE_THRESHOLD, now);
    const addressLock = await recordFailure(db, addressKey, ADDRESS_FAILURE_THRESHOLD, now);
    await recordAudit(db, { type: 'login.failed', at: now, personId: person?.id, email, ip: input.context.ip });
    const lock = Math.max(emailLock, addressLock);
    if (lock > now) throw lockedError(lock, now);
    throw wrongCredentials();
  }
  if (person.active !== 1) {
    await recordAudit(db, { type: 'login.deactivated', at: now, personId: person.id, email, ip: input.context.ip });
    throw new AppError('forbidden', 'Your access to the portal has been deactivated. Ask your account administrator to reactivate it.', 'errors.deactivated');
  }

  await clearFailures(db, emailKey);
  await clearFailures(db, addressKey);
  if (usedResetPassword) {
    await updatePerson(db, person.id, {
      password_hash: person.reset_password_hash!,
      password_must_change: 1,
      reset_password_hash: null,
      reset_expires_at: null,
      updated_at: now,
    });
    await recordAudit(db, { type: 'password.reset_used', at: now, personId: person.id, email, ip: input.context.ip });
    person.password_must_change = 1;
  }

  let stage: SessionStage;
  if (person.otp_method === 'email') stage = 'email_code';
  else if (person.totp_secret) stage = 'totp_verify';
  else stage = await stageAfterSecondFactor(db, person);

  const { token, id } = await createSession(db, person.id, stage, input.context);
  if (stage === 'email_code') await sendOneTimeCode(deps, person, id, now);
  if (stage === 'active') await completeLogin(db, person, input.context);
  return { stage, token };
}

async function completeLogin(db: Db, person: Person, context: SessionContext): Promise<void> {
  await updatePerson(db, person.id, { last_login_at: context.now });
  await recordAudit(db, { type: 'login.succeeded', at: context.now, personId: person.id, email: person.email, ip: context.ip });
}

/** Moves the sign-in on under a fresh token; reaching `active` is the login. */
async function advance(deps: AuthDeps, session: Session, person: Person, stage: SessionStage, context: SessionContext): Promise<StepResult> {
  const { token } = await advanceSession(deps.db, session, stage, context);
  if (stage === 'active') await completeLogin(deps.db, person, context);
  return { stage, token };
}

export async function resendOneTimeCode(deps: AuthDeps, session: Session, person: Person, now: number): Promise<void> {
  if ((await countOneTimeCodes(deps.db, session.id)) >= ONE_TIME_CODES_PER_SIGN_IN) {
    throw new AppError('too_many_requests', 'Too many codes were sent for this login. Log in again with your password.', 'errors.tooManyCodes');
  }
  await sendOneTimeCode(deps, person, session.id, now);
}

/** The e-mailed code: valid 10 minutes, once, with at most 5 tries (NIST SP 800-63B §5.1.3, §5.2.2). */
export async function verifyEmailCode(deps: AuthDeps, session: Session, person: Person, code: string, context: SessionContext): Promise<StepResult> {
  const { db } = deps;
  const now = context.now;
  const stored = await latestOneTimeCode(db, session.id);
  if (!stored || stored.used_at !== null || stored.expires_at <= now) {
    throw new AppError('bad_request', 'This one-time passcode has expired. Request a new code.', 'errors.codeExpired', 'code');
  }
  if (stored.attempts >= ONE_TIME_CODE_MAX_ATTEMPTS) {
    throw new AppError('bad_request', 'Too many wrong codes. Request a new code.', 'errors.codeTooManyTries', 'code');
  }
  // Count the try before comparing, so parallel guesses cannot exceed the limit.
  const counted = await db
    .updateTable('one_time_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', stored.id)
    .where('attempts', '<', ONE_TIME_CODE_MAX_ATTEMPTS)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) !== 1) {
    throw new AppError('bad_request', 'Too many wrong codes. Request a new code.', 'errors.codeTooManyTries', 'code');
  }
  if (hmac(deps.serverKey, `${session.id}|${code}`) !== stored.code_hash) {
    await recordAudit(db, { type: 'second_factor.failed', at: now, personId: person.id, ip: context.ip, detail: { method: 'email' } });
    const left = ONE_TIME_CODE_MAX_ATTEMPTS - stored.attempts - 1;
    if (left <= 0) throw new AppError('bad_request', 'Too many wrong codes. Request a new code.', 'errors.codeTooManyTries', 'code');
    throw new AppError('bad_request', 'The one-time passcode is not correct.', 'errors.codeWrong', 'code');
  }
  const used = await db.updateTable('one_time_codes').set({ used_at: now }).where('id', '=', stored.id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new AppError('bad_request', 'This one-time passcode has expired. Request a new code.', 'errors.codeExpired', 'code');
  await recordAudit(db, { type: 'second_factor.passed', at: now, personId: person.id, ip: context.ip, detail: { method: 'email' } });
  return advance(deps, session, person, await stageAfterSecondFactor(db, person), context);
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

export async function verifyAuthenticatorCode(deps: AuthDeps, session: Session, person: Person, code: string, context: SessionContext): Promise<StepResult> {
  if (!person.totp_secret || !(await acceptTotpStep(deps.db, person, person.totp_secret, code, context.now))) {
    await recordAudit(deps.db, { type: 'second_factor.failed', at: context.now, personId: person.id, ip: context.ip, detail: { method: 'app' } });
    throw new AppError('bad_request', 'The verification code is not correct. Enter the code your authenticator app shows now.', 'errors.totpWrong', 'code');
  }
  await recordAudit(deps.db, { type: 'second_factor.passed', at: context.now, personId: person.id, ip: context.ip, detail: { method: 'app' } });
  return advance(deps, session, person, await stageAfterSecondFactor(deps.db, person), context);
}

/** The secret to pair, kept until a code proves it was scanned; the same on every reload. */
export async function authenticatorSetup(db: Db, person: Person, now: number) {
  let secret = person.totp_pending_secret;
  if (!secret) {
    secret = generateTotpSecret();
    await updatePerson(db, person.id, { totp_pending_secret: secret, updated_at: now });
  }
  const otpauthUri = totpUri(secret, person.email);
  return { otpauthUri, secret, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

export async function pairAuthenticator(deps: AuthDeps, session: Session, person: Person, code: string, context: SessionContext): Promise<StepResult> {
  const secret = person.totp_pending_secret;
  const step = secret ? verifyTotp(secret, code, context.now, null) : null;
  if (!secret || step === null) {
    throw new AppError('bad_request', 'The code does not match. Scan the QR code again and enter the code the app shows now.', 'errors.totpWrong', 'code');
  }
  await updatePerson(deps.db, person.id, { totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: context.now });
  await recordAudit(deps.db, { type: 'totp.paired', at: context.now, personId: person.id, ip: context.ip });
  const paired = { ...person, totp_secret: secret, totp_pending_secret: null, totp_last_step: step };
  return advance(deps, session, paired, await stageAfterSecondFactor(deps.db, paired), context);
}

/** Changes the password (current one required) and ends every other session of the person. */
export async function changePassword(
  deps: AuthDeps,
  session: Session,
  person: Person,
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  context: SessionContext,
): Promise<StepResult> {
  if (!(await verifyPassword(person.password_hash, input.currentPassword))) {
    throw new AppError('bad_request', 'The current password is not correct.', 'errors.currentPasswordWrong', 'currentPassword');
  }
  if (input.newPassword !== input.confirmPassword) {
    throw new AppError('bad_request', 'The new password and its confirmation do not match.', 'errors.passwordMismatch', 'confirmPassword');
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('bad_request', 'Choose a new password that differs from the current one.', 'errors.passwordUnchanged', 'newPassword');
  }
  const problem = checkPasswordPolicy(input.newPassword, [person.email, person.first_name, person.last_name]);
  if (problem) throw new AppError('bad_request', passwordProblemMessages[problem], `errors.password.${problem}`, 'newPassword');

  const updated: Person = { ...person, password_hash: await hashPassword(input.newPassword), password_must_change: 0, updated_at: context.now };
  await deps.db.transaction().execute(async (trx) => {
    await updatePerson(trx, person.id, { password_hash: updated.password_hash, password_must_change: 0, reset_password_hash: null, reset_expires_at: null, updated_at: context.now });
    await endOtherSessions(trx, person.id, session.id);
    await recordAudit(trx, { type: 'password.changed', at: context.now, personId: person.id, ip: context.ip });
  });
  if (session.stage === 'active') {
    const { token } = await advanceSession(deps.db, session, 'active', context);
    return { stage: 'active', token };
  }
  return advance(deps, session, updated, await stageAfterSecondFactor(deps.db, updated), context);
}

export async function acceptTerms(deps: AuthDeps, session: Session, person: Person, version: string, context: SessionContext): Promise<StepResult> {
  const terms = await currentTerms(deps.db, person.language);
  if (version !== terms.version) {
    throw new AppError('conflict', 'The terms of use changed while you were reading them. Read the new version and accept again.', 'errors.termsChanged');
  }
  await updatePerson(deps.db, person.id, { terms_version_accepted: terms.version, terms_accepted_at: context.now, updated_at: context.now });
  await recordAudit(deps.db, { type: 'terms.accepted', at: context.now, personId: person.id, ip: context.ip, detail: { version: terms.version } });
  return advance(deps, session, { ...person, terms_version_accepted: terms.version }, 'active', context);
}

export async function logOut(db: Db, session: Session, context: SessionContext): Promise<void> {
  await endSession(db, session.id);
  await recordAudit(db, { type: 'logout', at: context.now, personId: session.person_id, ip: context.ip });
}

/**
 * Mails a temporary password to a registered, active address. The caller answers the same either
 * way, and the same work (one hash) is done either way, so neither words nor timing tell.
 */
export async function requestPasswordReset(deps: AuthDeps, email: string, context: SessionContext): Promise<void> {
  const { db } = deps;
  const now = context.now;
  const temporaryPassword = generateTemporaryPassword();
  const temporaryHash = await hashPassword(temporaryPassword);
  const person = await findPersonByEmail(db, email);
  if (!person || person.active !== 1) {
    await recordAudit(db, { type: 'password.reset_requested', at: now, email: email.toLowerCase(), ip: context.ip, detail: { known: false } });
    return;
  }
  await db.transaction().execute(async (trx) => {
    await updatePerson(trx, person.id, { reset_password_hash: temporaryHash, reset_expires_at: now + RESET_PASSWORD_TTL_MS, updated_at: now });
    await enqueueMail(trx, {
      to: person.email,
      language: person.language,
      now,
      content: resetPasswordMail[person.language]({
        firstName: person.first_name,
        lastName: person.last_name,
        temporaryPassword,
        loginUrl: `${deps.publicUrl}/login`,
        minutes: RESET_PASSWORD_TTL_MS / MINUTE,
      }),
    });
    await recordAudit(trx, { type: 'password.reset_requested', at: now, personId: person.id, email: person.email, ip: context.ip, detail: { known: true } });
  });
  deps.kickMail();
}
