import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Person, SecondFactor, Session } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { advanceSession, type SessionContext } from '../lib/sessions.ts';
import { checkCurrentPassword, type AuthDeps } from './auth.service.ts';
import { accountPolicyOf, policyAccepts } from './factor-policy.ts';
import { provePasskey } from './passkeys.service.ts';
import { checkSecondFactorCode, resendOneTimeCode } from './second-factor.ts';
import { deleteReproof, findReproof } from '../sso/sso.repository.ts';

/**
 * How long after proving the password and the second factor a signed-in person may change them
 * (ASVS 7.5.1): long enough to finish the change they came for, short enough that a session
 * cookie taken later is not enough.
 */
export const RECENT_SIGN_IN_MS = 5 * MINUTE;

/**
 * The one rule for changes to how a person signs in (password, second factor): the session proved
 * both within the last few minutes. Routes declare it (`config: { recentSignIn: true }`) and the
 * API applies it before their handlers; only a fully signed-in session is held to it, since a
 * sign-in in progress is proving them right then.
 */
export function requireRecentSignIn(session: Session, now: number): void {
  if (session.stage !== 'active') return;
  if (session.authenticated_at !== null && now - session.authenticated_at <= RECENT_SIGN_IN_MS) return;
  throw new AppError('forbidden', 'Confirm it is you: enter your password and a code from your second factor again.', 'errors.reauthenticate');
}

/** What "Confirm it's you" asks for after the password: a code of the person's method, or (when the policy refuses e-mailed codes) a passkey. */
export type ReauthenticationFactor = 'email' | 'app' | 'passkey';
export type Reauthentication = { done: false; factor: ReauthenticationFactor } | { done: true; token: string };

/**
 * Proves the password and the second factor again in a signed-in session. In place of the password,
 * `sso` stands for this session's sign-in again at its organisation's provider in the last few
 * minutes, when the provider asserted no second factor (sso/sso-reauthentication.ts). Without a code or passkey
 * it checks the password and, for e-mailed codes the account's policy accepts, mails one; with the
 * code (or a passkey's answer to this session's challenge) too it marks the session recently
 * authenticated under a new token. The password counts against the login's throttle and the codes
 * against the second factor's limits, so a stolen session cannot guess either.
 */
export async function reauthenticate(
  deps: AuthDeps,
  session: Session,
  person: Person,
  input: { password?: string; sso?: true; code?: string; credential?: AuthenticationResponseJSON },
  context: SessionContext,
): Promise<Reauthentication> {
  if (input.sso) {
    if (!(await findReproof(deps.db, session.id, context.now))) {
      throw new AppError('forbidden', 'Sign in again at your organisation first, then confirm with your second factor.', 'sso.errors.reproofMissing');
    }
  } else {
    await checkCurrentPassword(deps.db, deps.serverKey, person, input.password ?? '', context);
  }
  // A code the account's policy no longer accepts (e-mailed; under "passkey only", the app's too)
  // cannot confirm a change either: a passkey does.
  const usual: ReauthenticationFactor = person.otp_method === 'app' ? 'app' : 'email';
  const factor = policyAccepts(await accountPolicyOf(deps.db, person), usual) ? usual : 'passkey';
  let proved: SecondFactor;
  if (input.credential !== undefined) {
    await provePasskey(deps, session, person, input.credential, context);
    proved = 'passkey';
  } else if (input.code !== undefined && factor !== 'passkey') {
    await checkSecondFactorCode(deps, session, person, input.code, context, 'reauthentication');
    proved = factor;
  } else {
    if (factor === 'email') await resendOneTimeCode(deps, session, person, context.now, 'reauthentication');
    return { done: false, factor };
  }
  const { token } = await advanceSession(deps.db, session, 'active', context, context.now, proved);
  // The provider's proof stood for the password once: it confirms nothing more.
  if (input.sso) await deleteReproof(deps.db, session.id);
  await recordAudit(deps.db, { type: 'reauthenticated', at: context.now, personId: person.id, ip: context.ip, detail: { method: proved, ...(input.sso ? { via: 'sso' } : {}) } });
  return { done: true, token };
}
