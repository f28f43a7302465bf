import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { COSEALG, isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Db } from '../db/database.ts';
import type { Passkey, Person, Session } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { hmac, sha256 } from '../lib/secrets.ts';
import { createSession, type SessionContext } from '../lib/sessions.ts';
import { findPersonById } from './auth.repository.ts';
import { advance, completeLogin, stageAfterSecondFactor, type AuthDeps, type StepResult } from './auth.service.ts';
import {
  deletePasskeyOf,
  insertPasskey,
  MAX_PASSKEYS,
  passkeyByCredentialId,
  passkeyOf,
  passkeysOf,
  recordPasskeyUse,
  renamePasskeyOf,
  storeChallenge,
  takeChallenge,
} from './passkeys.repository.ts';
import type { PasskeyView } from './passkeys.schemas.ts';
import { accountPolicyOf, setUpFactorsMeet, usesPairedApp } from './factor-policy.ts';
import { SECOND_FACTOR_FAILURE_LIMIT, secondFactorLocked } from './second-factor.ts';

/**
 * The signature algorithms a passkey may use, the same on every Node.js the portal runs on: where the
 * runtime has ML-DSA (Node 24) the library would offer ML-DSA-44 first, and a portal moved back to
 * Node 22 could then no longer check those passkeys (their 2.4 kB signatures also exceed the answer's limit).
 */
const PASSKEY_ALGORITHMS = [COSEALG.EdDSA, COSEALG.ES256, COSEALG.RS256];

/** Long enough to find the phone or touch the key, short enough that a challenge seen is soon worthless. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * MINUTE;

/**
 * The relying party is the portal's public address (PUBLIC_URL), never the request's Host or
 * forwarded headers: an answer signed for another origin or RP id is refused whatever the request
 * claims.
 */
export function relyingParty(publicUrl: string) {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Caseway' };
}

/** What a challenge is for; one in flight per purpose and binding. */
type Ceremony = 'register' | 'sign_in' | 'second_factor';

/** Binds a challenge to a session id (register, second factor) or to the pre-sign-in cookie (sign in). */
const bindingOf = (ceremony: Ceremony, boundTo: string) => sha256(`${ceremony}|${boundTo}`);

const challengeSpent = () => new AppError('bad_request', 'This passkey request has expired or was already used. Try again.', 'passkeys.errors.expired');
const notVerified = () => new AppError('bad_request', 'This passkey could not be verified. Try again, or sign in with your password.', 'passkeys.errors.notVerified');
const notFound = () => new AppError('not_found', 'There is no such passkey.', 'errors.notFound');

/** The challenge of the ceremony, taken out so it serves once, whether the answer then passes or not. */
async function useChallenge(db: Db, ceremony: Ceremony, boundTo: string | undefined, now: number): Promise<string> {
  const stored = boundTo ? await takeChallenge(db, bindingOf(ceremony, boundTo)) : undefined;
  if (!stored || stored.expires_at <= now) throw challengeSpent();
  return stored.challenge;
}

/**
 * The WebAuthn user.id of a person: opaque (neither the id nor the address), the same for all
 * their passkeys, and derived rather than stored, so a ceremony left half-way leaves nothing behind.
 */
const userHandleOf = (serverKey: Buffer, personId: number) => isoBase64URL.fromBuffer(Buffer.from(hmac(serverKey, `webauthn-user|${personId}`), 'hex'));

const transportsOf = (passkey: Passkey) => (passkey.transports ? (passkey.transports.split(',') as AuthenticatorTransport[]) : []);

function presentPasskey(row: Passkey): PasskeyView {
  return { id: Number(row.id), name: row.name, createdAt: Number(row.created_at), lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at) };
}

export async function listPasskeys(db: Db, person: Person): Promise<PasskeyView[]> {
  return (await passkeysOf(db, person.id)).map(presentPasskey);
}

/** Whether the person can use a passkey as the second factor (the code step offers it then). */
export async function hasPasskey(db: Db, personId: number): Promise<boolean> {
  return (await passkeysOf(db, personId)).length > 0;
}

const tooManyPasskeys = () => new AppError('conflict', `You have ${MAX_PASSKEYS} passkeys already. Remove one you no longer use first.`, 'passkeys.errors.limit');

/**
 * Starts adding a passkey: a discoverable credential with user verification, so that it signs in
 * alone later. The person's passkeys are excluded, so one device is not registered twice.
 */
export async function passkeyRegistrationOptions(deps: AuthDeps, session: Session, person: Person, now: number) {
  const existing = await passkeysOf(deps.db, person.id);
  if (existing.length >= MAX_PASSKEYS) throw tooManyPasskeys();
  const rp = relyingParty(deps.publicUrl);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: person.email,
    userDisplayName: `${person.first_name} ${person.last_name}`,
    userID: isoBase64URL.toBuffer(userHandleOf(deps.serverKey, person.id)),
    attestationType: 'none',
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credential_id, transports: transportsOf(passkey) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
  });
  await storeChallenge(deps.db, bindingOf('register', session.id), options.challenge, now + PASSKEY_CHALLENGE_TTL_MS, now);
  return options;
}

/** Checks the new credential against the challenge of this session and keeps it under the person's name for it. */
export async function addPasskey(deps: AuthDeps, session: Session, person: Person, input: { name: string; credential: RegistrationResponseJSON }, context: SessionContext): Promise<PasskeyView> {
  const expectedChallenge = await useChallenge(deps.db, 'register', session.id, context.now);
  const rp = relyingParty(deps.publicUrl);
  const refused = async (reason: string) => {
    await recordAudit(deps.db, { type: 'passkey.refused', at: context.now, personId: person.id, ip: context.ip, detail: { ceremony: 'register', reason } });
    return new AppError('bad_request', 'The passkey could not be added. Try again.', 'passkeys.errors.registrationFailed');
  };
  let verification;
  try {
    verification = await verifyRegistrationResponse({ response: input.credential, expectedChallenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true, supportedAlgorithmIDs: PASSKEY_ALGORITHMS });
  } catch (error) {
    throw await refused((error as Error).message);
  }
  if (!verification.verified) throw await refused('not verified');
  const { credential } = verification.registrationInfo;
  const row = await deps.db.transaction().execute(async (trx) => {
    if ((await passkeysOf(trx, person.id)).length >= MAX_PASSKEYS) throw tooManyPasskeys();
    const inserted = await insertPasskey(trx, {
      person_id: person.id,
      name: input.name,
      credential_id: credential.id,
      public_key: isoBase64URL.fromBuffer(credential.publicKey),
      user_handle: userHandleOf(deps.serverKey, person.id),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(','),
      created_at: context.now,
      last_used_at: null,
    });
    // Someone else's credential id too: a key cannot be claimed by registering its id again.
    if (!inserted) throw new AppError('conflict', 'This passkey is already registered.', 'passkeys.errors.duplicate');
    await recordAudit(trx, { type: 'passkey.added', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { passkeyId: Number(inserted.id), name: input.name } });
    return inserted;
  });
  return presentPasskey(row);
}

export async function renamePasskey(db: Db, person: Person, id: number, name: string, context: SessionContext): Promise<PasskeyView> {
  return db.transaction().execute(async (trx) => {
    const before = await passkeyOf(trx, person.id, id);
    const renamed = before && (await renamePasskeyOf(trx, person.id, id, name));
    if (!before || !renamed) throw notFound();
    await recordAudit(trx, { type: 'passkey.renamed', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { passkeyId: id, from: before.name, name } });
    return presentPasskey(renamed);
  });
}

/**
 * Removes one of the person's passkeys; another person's id is "not found", as it is for them. The
 * passkey that alone lets the person meet the account's policy stays (the removal is undone).
 */
export async function removePasskey(db: Db, person: Person, id: number, context: SessionContext): Promise<void> {
  const policy = await accountPolicyOf(db, person);
  await db.transaction().execute(async (trx) => {
    // Two removals at once (of someone's last two passkeys) take turns on the person's row, so the
    // second sees what the first left (PostgreSQL reads what had committed when each statement began).
    await trx.updateTable('people').set({ updated_at: context.now }).where('id', '=', person.id).execute();
    const removed = await deletePasskeyOf(trx, person.id, id);
    if (!removed) throw notFound();
    const app = usesPairedApp(person);
    if (setUpFactorsMeet(policy, { app, passkey: true }) && !setUpFactorsMeet(policy, { app, passkey: (await passkeysOf(trx, person.id)).length > 0 })) {
      throw new AppError('conflict', 'Your organisation’s sign-in rule needs this passkey: add another one (or pair an authenticator app, where the rule allows it) before you remove it.', 'passkeys.errors.lastRequired');
    }
    await recordAudit(trx, { type: 'passkey.removed', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { passkeyId: id, name: removed.name } });
  });
}

/** Starts a sign-in with a passkey and no address typed: any passkey of the portal may answer. */
export async function passkeySignInOptions(deps: AuthDeps, preSignIn: string, now: number) {
  const options = await generateAuthenticationOptions({ rpID: relyingParty(deps.publicUrl).id, userVerification: 'required', timeout: PASSKEY_CHALLENGE_TTL_MS });
  await storeChallenge(deps.db, bindingOf('sign_in', preSignIn), options.challenge, now + PASSKEY_CHALLENGE_TTL_MS, now);
  return options;
}

/** Starts the second factor with one of the person's own passkeys. */
export async function passkeySecondFactorOptions(deps: AuthDeps, session: Session, person: Person, now: number) {
  const passkeys = await passkeysOf(deps.db, person.id);
  if (passkeys.length === 0) throw new AppError('bad_request', 'You have no passkey yet. Enter the code instead.', 'passkeys.errors.none');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps.publicUrl).id,
    userVerification: 'required',
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credential_id, transports: transportsOf(passkey) })),
  });
  await storeChallenge(deps.db, bindingOf('second_factor', session.id), options.challenge, now + PASSKEY_CHALLENGE_TTL_MS, now);
  return options;
}

/**
 * Checks a signed answer: a registered credential (of `person` when the sign-in already knows who
 * it is, else of the user handle it names), signed over this challenge for the portal's origin and
 * RP id with the person verified, and a counter that moved on. The use is recorded with a
 * conditional update, so of two racing answers one passes. Every refusal is audited.
 */
async function checkAssertion(deps: AuthDeps, input: { credential: AuthenticationResponseJSON; expectedChallenge: string; person?: Person; ceremony: Ceremony }, context: SessionContext): Promise<{ passkey: Passkey; person: Person }> {
  const { db } = deps;
  const passkey = await passkeyByCredentialId(db, input.credential.id);
  const refuse = async (reason: string, error = notVerified()) => {
    await recordAudit(db, { type: 'passkey.refused', at: context.now, personId: input.person?.id ?? passkey?.person_id ?? null, ip: context.ip, detail: { ceremony: input.ceremony, reason, ...(passkey ? { passkeyId: Number(passkey.id) } : {}) } });
    return error;
  };
  if (!passkey) {
    throw await refuse('unknown credential', new AppError('bad_request', 'This passkey is not registered with the portal. Sign in with your password, then add it in My Account.', 'passkeys.errors.unknown'));
  }
  if (input.person && Number(passkey.person_id) !== input.person.id) throw await refuse('credential of another person');
  // A discoverable sign-in knows the person only through the user handle, so it must name the
  // credential's own; after the password a handle is optional, but one given must still match.
  const userHandle = input.credential.response.userHandle;
  if ((!input.person || userHandle !== undefined) && userHandle !== passkey.user_handle) throw await refuse('user handle does not match');
  const rp = relyingParty(deps.publicUrl);
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: input.credential,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credential_id, publicKey: isoBase64URL.toBuffer(passkey.public_key), counter: Number(passkey.counter), transports: transportsOf(passkey) },
      requireUserVerification: true,
    });
  } catch (error) {
    throw await refuse((error as Error).message);
  }
  if (!verification.verified) throw await refuse('not verified');
  if (!(await recordPasskeyUse(db, passkey.id, Number(passkey.counter), verification.authenticationInfo.newCounter, context.now))) throw await refuse('used by another request at the same time');
  const person = input.person ?? (await findPersonById(db, passkey.person_id));
  if (!person) throw await refuse('no such person');
  await recordAudit(db, { type: 'passkey.used', at: context.now, personId: person.id, email: person.email, ip: context.ip, detail: { ceremony: input.ceremony, passkeyId: Number(passkey.id), name: passkey.name } });
  return { passkey, person };
}

/** Gates that hold whichever factor signs in: a deactivated person stays out, as does an account locked by wrong codes. */
async function admitPerson(db: Db, person: Person, context: SessionContext): Promise<void> {
  if (person.active !== 1) {
    await recordAudit(db, { type: 'login.deactivated', at: context.now, personId: person.id, email: person.email, ip: context.ip, detail: { method: 'passkey' } });
    throw new AppError('forbidden', 'Your access to the portal has been deactivated. Ask your account administrator to reactivate it.', 'errors.deactivated');
  }
  if (person.second_factor_failures >= SECOND_FACTOR_FAILURE_LIMIT) {
    await recordAudit(db, { type: 'login.locked', at: context.now, personId: person.id, email: person.email, ip: context.ip, detail: { secondFactor: true, method: 'passkey' } });
    throw secondFactorLocked();
  }
}

/**
 * Signs in with a passkey alone: possession of the device key and the person's verification on it
 * (PIN, fingerprint) are two factors that cannot be phished (NIST SP 800-63B AAL2). The sign-in
 * continues where a password and second factor would have led: a forced password change, the
 * terms, or straight in.
 */
export async function signInWithPasskey(deps: AuthDeps, preSignIn: string | undefined, credential: AuthenticationResponseJSON, context: SessionContext): Promise<StepResult> {
  const expectedChallenge = await useChallenge(deps.db, 'sign_in', preSignIn, context.now);
  const { person } = await checkAssertion(deps, { credential, expectedChallenge, ceremony: 'sign_in' }, context);
  await admitPerson(deps.db, person, context);
  const stage = await stageAfterSecondFactor(deps.db, person, 'passkey');
  const { token } = await createSession(deps.db, person.id, stage, context, context.now, 'passkey');
  if (stage === 'active') return { stage, token, device: await completeLogin(deps, person, context) };
  return { stage, token };
}

/** Checks an answer to this session's second-factor challenge, signed by one of the person's passkeys. */
export async function provePasskey(deps: AuthDeps, session: Session, person: Person, credential: AuthenticationResponseJSON, context: SessionContext): Promise<void> {
  const expectedChallenge = await useChallenge(deps.db, 'second_factor', session.id, context.now);
  await checkAssertion(deps, { credential, expectedChallenge, person, ceremony: 'second_factor' }, context);
}

/** A passkey of the person in place of the code, after the password. */
export async function passkeyAsSecondFactor(deps: AuthDeps, session: Session, person: Person, credential: AuthenticationResponseJSON, context: SessionContext): Promise<StepResult> {
  await provePasskey(deps, session, person, credential, context);
  await admitPerson(deps.db, person, context);
  // Passing a factor ends a run of wrong codes, as a right code does.
  await deps.db.updateTable('people').set({ second_factor_failures: 0 }).where('id', '=', person.id).execute();
  return advance(deps, session, person, await stageAfterSecondFactor(deps.db, person, 'passkey'), context, { at: context.now, factor: 'passkey' });
}
