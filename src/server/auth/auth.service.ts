import QRCode from 'qrcode';
import type { Db } from '../db/database.ts';
import type { Person, SecondFactor, Session, SessionStage } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { deviceIdFor, issueDeviceToken } from '../lib/http.ts';
import { enqueueMail } from '../lib/mail.ts';
import {
  checkPasswordPolicy,
  generateTemporaryPassword,
  hashPassword,
  passwordProblemMessages,
  verifyDecoy,
  verifyPassword,
} from '../lib/passwords.ts';
import { advanceSession, createSession, endOtherSessions, endSession, type SessionContext } from '../lib/sessions.ts';
import { generateTotpSecret, totpUri, verifyTotp } from '../lib/totp.ts';
import { resetPasswordMail } from './auth.emails.ts';
import { findPersonByEmail, updatePerson } from './auth.repository.ts';
import { accountPolicyOf, policyAccepts, policyAcceptsApp, setUpFactorsMeet, setUpFactorsOf } from './factor-policy.ts';
import { checkSecondFactorCode, SECOND_FACTOR_FAILURE_LIMIT, secondFactorLocked, sendOneTimeCode, type SecondFactorDeps } from './second-factor.ts';
import { admitPasswordAttempt, lockAfterFailure, passPasswordAttempt } from './sign-in-throttle.ts';
import { currentTerms } from './terms.ts';

export const RESET_PASSWORD_TTL_MS = 60 * MINUTE;

export type AuthDeps = SecondFactorDeps & { publicUrl: string };
/** The sign-in's next step under its new token; `device` when the step completed the sign-in. */
export type StepResult = { stage: SessionStage; token: string; device?: string };

const wrongCredentials = () => new AppError('unauthenticated', 'The e-mail address or password is not correct.', 'errors.wrongCredentials');
const temporaryPasswordSpent = () =>
  new AppError(
    'unauthenticated',
    'This temporary password has expired or has already been used. Choose "Forgot your password?" to get a new one.',
    'errors.temporaryPasswordSpent',
  );

export function lockedError(until: number, now: number) {
  const minutes = Math.max(1, Math.ceil((until - now) / MINUTE));
  return new AppError('too_many_requests', `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'errors.locked');
}

/**
 * The sign-in step that follows the second factor, for this person as they are now: first the
 * account's policy, when it does not accept the factor this sign-in proved (null: none proved yet,
 * as before pairing a first authenticator, which will be the proof).
 */
export async function stageAfterSecondFactor(db: Db, person: Person, factor: SecondFactor | null): Promise<SessionStage> {
  const policy = await accountPolicyOf(db, person);
  if (factor !== null && !policyAccepts(policy, factor)) return 'factor_required';
  if (person.password_must_change === 1) return 'change_password';
  // An app still to pair is the sign-in's proof (none yet), or a factor the policy accepts.
  if (person.otp_method === 'app' && !person.totp_secret && (factor === null || policyAcceptsApp(policy))) return 'totp_pair';
  const terms = await currentTerms(db, person.language);
  if (person.terms_version_accepted !== terms.version) return 'terms';
  return 'active';
}

/**
 * Which password of the person `password` is: their own, the temporary one a reset mailed (while
 * valid), or neither. A temporary password that expired or was used once signs in no more.
 */
async function matchPassword(person: Person, password: string, now: number): Promise<'password' | 'reset' | 'spent' | null> {
  if (await verifyPassword(person.password_hash, password)) {
    return person.password_expires_at !== null && person.password_expires_at <= now ? 'spent' : 'password';
  }
  if (person.reset_password_hash && person.reset_expires_at && person.reset_expires_at > now && (await verifyPassword(person.reset_password_hash, password))) return 'reset';
  return null;
}

/**
 * A temporary password works once: its first use sets its expiry to now, so that only this
 * sign-in's change of it still accepts it. A reset's password takes over from the old one, to be
 * changed now, and forgives the wrong codes that locked the account's second factor: the mailbox is
 * proven. Each is a conditional update on what was read, so of two racing uses one wins. False when
 * another use came first.
 */
async function useUpTemporaryPassword(db: Db, person: Person, match: 'password' | 'reset', now: number): Promise<boolean> {
  if (match === 'password' && person.password_must_change !== 1) return true;
  const query =
    match === 'reset'
      ? db
          .updateTable('people')
          .set({ password_hash: person.reset_password_hash!, password_must_change: 1, password_expires_at: now, reset_password_hash: null, reset_expires_at: null, second_factor_failures: 0, updated_at: now })
          .where('reset_password_hash', '=', person.reset_password_hash!)
      : db.updateTable('people').set({ password_expires_at: now, updated_at: now }).where('password_hash', '=', person.password_hash).where((eb) => eb.or([eb('password_expires_at', 'is', null), eb('password_expires_at', '>', now)]));
  const result = await query.where('id', '=', person.id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The step after the password (or a provider's sign-in without MFA): the person's own second factor;
 * but when the account's policy does not accept it and they already have a factor it does, straight
 * to proving that one, with no code mailed. Null when they have none to prove yet (an authenticator
 * still to pair), unless they have one the policy accepts: pairing with the password alone would
 * then let it set up a factor of its own.
 */
export async function secondFactorStage(db: Db, person: Person): Promise<'email_code' | 'totp_verify' | 'factor_required' | null> {
  const usual: SecondFactor | null = person.otp_method === 'email' ? 'email' : person.totp_secret ? 'app' : null;
  const policy = await accountPolicyOf(db, person);
  if (policy !== 'any' && (usual === null || !policyAccepts(policy, usual)) && setUpFactorsMeet(policy, await setUpFactorsOf(db, person))) return 'factor_required';
  if (usual === 'email') return 'email_code';
  return usual === 'app' ? 'totp_verify' : null;
}

/**
 * Checks the password and starts a sign-in. Unknown addresses, wrong passwords and locks answer
 * alike whether or not the address is registered: the throttle is kept per typed address (or per
 * browser that signed in to it before), and every attempt is counted before its password is checked.
 */
export async function logIn(deps: AuthDeps, input: { email: string; password: string; context: SessionContext }): Promise<StepResult> {
  const { db } = deps;
  const { now, ip } = input.context;
  const email = input.email.trim().toLowerCase();

  const attempt = await admitPasswordAttempt(db, { email, ip, device: deviceIdFor(deps.serverKey, input.context.deviceToken, email) }, now);
  if (!attempt.admitted) {
    await recordAudit(db, { type: 'login.locked', at: now, email, ip });
    throw lockedError(attempt.lockedUntil, now);
  }

  const person = await findPersonByEmail(db, email);
  let match = person ? await matchPassword(person, input.password, now) : (await verifyDecoy(input.password), null);
  // Of two sign-ins racing with one temporary password, only one uses it up.
  if (person && match !== null && match !== 'spent' && !(await useUpTemporaryPassword(db, person, match, now))) match = 'spent';
  if (!person || match === null || match === 'spent') {
    await recordAudit(db, { type: 'login.failed', at: now, personId: person?.id, email, ip, ...(match === 'spent' ? { detail: { temporaryPasswordSpent: true } } : {}) });
    const lock = lockAfterFailure(attempt);
    if (lock > now) throw lockedError(lock, now);
    throw match === 'spent' ? temporaryPasswordSpent() : wrongCredentials();
  }
  await passPasswordAttempt(db, attempt);
  if (person.active !== 1) {
    await recordAudit(db, { type: 'login.deactivated', at: now, personId: person.id, email, ip });
    throw new AppError('forbidden', 'Your access to the portal has been deactivated. Ask your account administrator to reactivate it.', 'errors.deactivated');
  }
  if (match === 'reset') {
    await recordAudit(db, { type: 'password.reset_used', at: now, personId: person.id, email, ip, detail: { secondFactorUnlocked: person.second_factor_failures >= SECOND_FACTOR_FAILURE_LIMIT } });
    Object.assign(person, { password_must_change: 1, second_factor_failures: 0 });
  }
  if (person.second_factor_failures >= SECOND_FACTOR_FAILURE_LIMIT) {
    await recordAudit(db, { type: 'login.locked', at: now, personId: person.id, email, ip, detail: { secondFactor: true } });
    throw secondFactorLocked();
  }

  const stage = (await secondFactorStage(db, person)) ?? (await stageAfterSecondFactor(db, person, null));

  const { token, id } = await createSession(db, person.id, stage, input.context);
  if (stage === 'email_code') await sendOneTimeCode(deps, person, id, now);
  if (stage === 'active') return { stage, token, device: await completeLogin(deps, person, input.context) };
  return { stage, token };
}

/** The sign-in is complete: recorded, and the browser remembered for this account. */
export async function completeLogin(deps: AuthDeps, person: Person, context: SessionContext): Promise<string> {
  await updatePerson(deps.db, person.id, { last_login_at: context.now });
  await recordAudit(deps.db, { type: 'login.succeeded', at: context.now, personId: person.id, email: person.email, ip: context.ip });
  return issueDeviceToken(deps.serverKey, person.email);
}

/** Moves the sign-in on under a fresh token; reaching `active` is the login. A new proof names its moment and its factor. */
export async function advance(deps: AuthDeps, session: Session, person: Person, stage: SessionStage, context: SessionContext, proof?: { at: number; factor: SecondFactor }): Promise<StepResult> {
  const { token } = await advanceSession(deps.db, session, stage, context, proof?.at ?? session.authenticated_at, proof?.factor ?? session.second_factor);
  if (stage === 'active') return { stage, token, device: await completeLogin(deps, person, context) };
  return { stage, token };
}

/** The second factor of a sign-in, e-mailed code or authenticator app; passing it is the proof a later sensitive change relies on. */
export async function verifySecondFactor(deps: AuthDeps, session: Session, person: Person, code: string, context: SessionContext): Promise<StepResult> {
  await checkSecondFactorCode(deps, session, person, code, context, 'sign_in');
  const factor = person.otp_method === 'email' ? 'email' : 'app';
  return advance(deps, session, person, await stageAfterSecondFactor(deps.db, person, factor), context, { at: context.now, factor });
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

/**
 * Pairs the authenticator app a sign-in asks for: a first one, or the one the account's policy
 * requires, which becomes the person's second factor from now on.
 */
export async function pairAuthenticator(deps: AuthDeps, session: Session, person: Person, code: string, context: SessionContext): Promise<StepResult> {
  const secret = person.totp_pending_secret;
  const step = secret ? verifyTotp(secret, code, context.now, null) : null;
  if (!secret || step === null) {
    throw new AppError('bad_request', 'The code does not match. Scan the QR code again and enter the code the app shows now.', 'errors.totpWrong', 'code');
  }
  await updatePerson(deps.db, person.id, { otp_method: 'app', totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: context.now });
  await recordAudit(deps.db, { type: 'totp.paired', at: context.now, personId: person.id, ip: context.ip });
  const paired: Person = { ...person, otp_method: 'app', totp_secret: secret, totp_pending_secret: null, totp_last_step: step };
  // The password was given at this sign-in and the new authenticator just proved itself.
  return advance(deps, session, paired, await stageAfterSecondFactor(deps.db, paired, 'app'), context, { at: context.now, factor: 'app' });
}

/**
 * Checks the signed-in person's current password under the same throttle as the login, so a stolen
 * session cannot be used to guess it.
 */
export async function checkCurrentPassword(db: Db, serverKey: Buffer, person: Person, password: string, context: SessionContext): Promise<void> {
  const attempt = await admitPasswordAttempt(db, { email: person.email, ip: context.ip, device: deviceIdFor(serverKey, context.deviceToken, person.email) }, context.now);
  if (!attempt.admitted) throw lockedError(attempt.lockedUntil, context.now);
  if (await verifyPassword(person.password_hash, password)) return passPasswordAttempt(db, attempt);
  await recordAudit(db, { type: 'login.failed', at: context.now, personId: person.id, email: person.email, ip: context.ip, detail: { currentPassword: true } });
  const lock = lockAfterFailure(attempt);
  if (lock > context.now) throw lockedError(lock, context.now);
  throw new AppError('bad_request', 'The current password is not correct.', 'errors.currentPasswordWrong', 'currentPassword');
}

/** Changes the password (current one required) and ends every other session of the person. */
export async function changePassword(
  deps: AuthDeps,
  session: Session,
  person: Person,
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  context: SessionContext,
): Promise<StepResult> {
  await checkCurrentPassword(deps.db, deps.serverKey, person, input.currentPassword, context);
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
    await updatePerson(trx, person.id, {
      password_hash: updated.password_hash,
      password_must_change: 0,
      password_expires_at: null,
      reset_password_hash: null,
      reset_expires_at: null,
      updated_at: context.now,
    });
    await endOtherSessions(trx, person.id, session.id);
    await recordAudit(trx, { type: 'password.changed', at: context.now, personId: person.id, ip: context.ip });
  });
  if (session.stage === 'active') {
    const { token } = await advanceSession(deps.db, session, 'active', context);
    return { stage: 'active', token };
  }
  return advance(deps, session, updated, await stageAfterSecondFactor(deps.db, updated, session.second_factor), context);
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
