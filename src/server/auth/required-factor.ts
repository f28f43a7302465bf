import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Db } from '../db/database.ts';
import type { Person, Session } from '../db/schema.ts';
import { AppError } from '../lib/errors.ts';
import { PENDING_SESSION_MS, type SessionContext } from '../lib/sessions.ts';
import { advance, stageAfterSecondFactor, type AuthDeps, type StepResult } from './auth.service.ts';
import { accountPolicyOf, policyAcceptsApp, setUpFactorsOf } from './factor-policy.ts';
import { addPasskey } from './passkeys.service.ts';

/**
 * The sign-in step 'factor_required': the account's policy does not accept the factor this sign-in
 * proved (or, moved there at a request, the one the session proved earlier). The person proves a
 * factor the policy accepts that they have, or sets one up; nothing else answers until then.
 */
export async function requiredFactorView(db: Db, session: Session, person: Person, now: number) {
  const policy = await accountPolicyOf(db, person);
  const factors = await setUpFactorsOf(db, person);
  return {
    policy,
    /** Factors the person has that the policy accepts, to prove now. */
    prove: { passkey: factors.passkey, app: factors.app && policyAcceptsApp(policy) },
    /** Whether this session may set one up: only shortly after it proved the password and some second factor. */
    setUp: provedRecently(session, now),
    /** Whether an authenticator app is one of the factors the policy accepts (else only a passkey). */
    appAccepted: policyAcceptsApp(policy),
  };
}

/**
 * Setting up a factor during the sign-in needs a second factor proven first (ASVS 5.0 V6.4.3, NIST
 * SP 800-63B §6.1.2.1: binding a new authenticator takes the authentication level it grants): with
 * the password alone, a thief could enroll their own passkey and so satisfy the policy. And proven
 * lately, within as long as a sign-in half-way may last: a session the policy held may be hours
 * old, and its cookie alone, taken meanwhile, must not enroll the thief's passkey either.
 */
const provedRecently = (session: Session, now: number) => session.authenticated_at !== null && now - session.authenticated_at <= PENDING_SESSION_MS;

export function requireSetUpAllowed(session: Session, now: number): void {
  if (session.stage !== 'factor_required') return;
  if (!provedRecently(session, now)) {
    throw new AppError('forbidden', 'Sign in with a passkey or authenticator app you already have, or start over: a new one can be set up only right after a second factor.', 'errors.factorSetUpNeedsProof');
  }
}

/** In the 'factor_required' step an authenticator app serves only when the policy accepts one. */
export async function requireAppAccepted(db: Db, session: Session, person: Person): Promise<void> {
  if (session.stage !== 'factor_required') return;
  if (!policyAcceptsApp(await accountPolicyOf(db, person))) {
    throw new AppError('forbidden', 'Your organisation requires a passkey to sign in.', 'errors.passkeyRequired');
  }
}

/** A passkey set up in the 'factor_required' step: added to the person's passkeys, it is this sign-in's proof. */
export async function addRequiredPasskey(deps: AuthDeps, session: Session, person: Person, input: { name: string; credential: RegistrationResponseJSON }, context: SessionContext): Promise<StepResult> {
  requireSetUpAllowed(session, context.now);
  await addPasskey(deps, session, person, input, context);
  return advance(deps, session, person, await stageAfterSecondFactor(deps.db, person, 'passkey'), context, { at: context.now, factor: 'passkey' });
}
