import type { Person, Session } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { advanceSession, type SessionContext } from '../lib/sessions.ts';
import { checkCurrentPassword } from './auth.service.ts';
import { checkSecondFactorCode, resendOneTimeCode, type SecondFactorDeps } from './second-factor.ts';

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

export type Reauthentication = { done: false } | { done: true; token: string };

/**
 * Proves the password and the second factor again in a signed-in session. Without a code it checks
 * the password and, for e-mailed codes, mails one; with the code too it marks the session recently
 * authenticated under a new token. The password counts against the login's throttle and the codes
 * against the second factor's limits, so a stolen session cannot guess either.
 */
export async function reauthenticate(
  deps: SecondFactorDeps,
  session: Session,
  person: Person,
  input: { password: string; code?: string },
  context: SessionContext,
): Promise<Reauthentication> {
  await checkCurrentPassword(deps.db, deps.serverKey, person, input.password, context);
  if (input.code === undefined) {
    if (person.otp_method === 'email') await resendOneTimeCode(deps, session, person, context.now, 'reauthentication');
    return { done: false };
  }
  await checkSecondFactorCode(deps, session, person, input.code, context, 'reauthentication');
  const { token } = await advanceSession(deps.db, session, 'active', context, context.now);
  await recordAudit(deps.db, { type: 'reauthenticated', at: context.now, personId: person.id, ip: context.ip, detail: { method: person.otp_method } });
  return { done: true, token };
}
