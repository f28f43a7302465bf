import type { Db } from '../db/database.ts';
import type { Person, Session } from '../db/schema.ts';
import { findAccount } from '../admin/admin.repository.ts';
import { RECENT_SIGN_IN_MS } from '../auth/reauthentication.ts';
import { findPersonByEmail } from '../auth/auth.repository.ts';
import { SECOND_FACTOR_FAILURE_LIMIT } from '../auth/second-factor.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { advanceSession, type SessionContext } from '../lib/sessions.ts';
import { deleteReproof, findReproof, saveReproof } from './sso.repository.ts';
import {
  configurationFor,
  describe,
  providerAssertedMfa,
  providerFor,
  refuseAnswer,
  sendToProvider,
  unavailable,
  type ProviderAnswer,
  type RefusalAudit,
  type SsoDeps,
  type SsoRefusal,
} from './sso.service.ts';

/**
 * How old the provider's `auth_time` may be when its answer arrives. The portal asked it to check the
 * person right then (`max_age=0`), so this is the minutes of typing at the provider and the skew of
 * two clocks (either way), not a second window: a provider that answers from an older session of its
 * own is refused.
 */
export const REPROOF_AUTH_TIME_MAX_AGE_MS = 2 * 60_000;

/**
 * The organisation whose provider can confirm it is this person: the one the login page would send
 * their address to (providerFor: never for the vendor's staff, never for another account's contact).
 */
export async function reproofProviderOf(db: Db, person: Person): Promise<{ providerId: number; organisation: string } | null> {
  const provider = await providerFor(db, person.email);
  if (!provider) return null;
  const account = await findAccount(db, provider.account_id);
  return { providerId: provider.id, organisation: account?.name ?? '' };
}

/**
 * A path of this portal to send the browser back to after confirming: `/`-rooted, not `//` or `/\`
 * (which browsers read as another host), no backslash or control character, and still of
 * PUBLIC_URL's origin once resolved. Anything else is refused rather than corrected.
 */
export function sameOriginPath(publicUrl: string, returnTo: string): string | null {
  if (!/^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/.test(returnTo) || returnTo.length > 500) return null;
  const base = new URL(publicUrl);
  const resolved = new URL(`${base.origin}${returnTo}`);
  if (resolved.origin !== base.origin) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * Starts "Confirm it's you" at the person's provider: the sign-in's own authorization request,
 * bound to this session and asking the provider to check the person again.
 */
export async function startReproof(deps: SsoDeps, session: Session, person: Person, returnTo: string, context: SessionContext): Promise<{ redirectUrl: string; state: string }> {
  const path = sameOriginPath(deps.publicUrl, returnTo);
  if (!path) throw new AppError('bad_request', 'The page to return to must be a page of this portal.', 'sso.errors.returnTo', 'returnTo');
  const provider = await providerFor(deps.db, person.email);
  if (!provider) throw new AppError('bad_request', 'Your address does not sign in with single sign-on. Enter your password.', 'sso.errors.notSso');
  let configuration;
  try {
    configuration = await configurationFor(deps.serverKey, provider);
  } catch (error) {
    const detail = { reason: 'provider_unavailable', purpose: 'reauthentication', error: describe(error) };
    await recordAudit(deps.db, { type: 'sso.refused', at: context.now, email: person.email, personId: person.id, ip: context.ip, accountId: provider.account_id, detail });
    throw unavailable();
  }
  return sendToProvider(deps, configuration, provider, person.email, context.now, { sessionId: session.id, returnTo: path });
}

/** What the way back from a confirmation says: done, the portal's second factor still due, or why not. */
export type ReproofOutcome = { kind: 'confirmed'; token: string } | { kind: 'second_factor' } | { kind: 'refused'; reason: SsoRefusal };

/**
 * The provider's answer to "Confirm it's you". Only for the session that started it, only for the
 * very person of that session (the same contact, still covered by this provider), and only for a
 * check the provider made just now (`auth_time`). Then it counts as the sign-in's would: with the
 * provider's asserted MFA the session's sign-in is proven again under a new token (factor `sso`,
 * which every account rule accepts); without it, it stands in for the password and the portal's
 * own second factor follows in "Confirm it's you" (reauthenticate with `sso: true`). Anything else
 * is refused, audited, and leaves the session as it was.
 */
export async function finishReproof(deps: SsoDeps, answer: ProviderAnswer, current: { session: Session; person: Person } | null, context: SessionContext): Promise<ReproofOutcome> {
  if (answer.kind === 'refused') return { kind: 'refused', reason: answer.reason };
  const { db } = deps;
  const { signIn, provider, claims, email, detail } = answer;
  const refuse = async (reason: SsoRefusal, audit: RefusalAudit): Promise<ReproofOutcome> => {
    await refuseAnswer(db, reason, signIn, { accountId: provider.account_id, detail, ...audit }, context);
    return { kind: 'refused', reason };
  };

  if (!current || current.session.stage !== 'active' || current.session.id !== signIn.session_id) return refuse('session_mismatch', { email });
  const { session, person } = current;
  const vouched = await findPersonByEmail(db, email);
  if (!vouched || vouched.id !== person.id) return refuse('other_person', { email, personId: person.id, detail: { ...detail, sessionEmail: person.email } });
  if ((await providerFor(db, person.email))?.id !== provider.id) return refuse('other_account', { email, personId: person.id });
  if (person.second_factor_failures >= SECOND_FACTOR_FAILURE_LIMIT) return refuse('second_factor_locked', { email, personId: person.id });
  const authTime = typeof claims.auth_time === 'number' ? claims.auth_time * 1000 : null;
  if (authTime === null || Math.abs(context.now - authTime) > REPROOF_AUTH_TIME_MAX_AGE_MS) {
    return refuse('stale_auth_time', { email, personId: person.id, detail: { ...detail, authTime: claims.auth_time ?? null } });
  }

  const mfa = providerAssertedMfa(claims as Record<string, unknown>, provider.mfa_acr_values ? provider.mfa_acr_values.split(' ') : []);
  const auditDetail = { ...detail, method: 'sso', providerAssertedMfa: mfa, amr: claims.amr ?? null, acr: claims.acr ?? null };
  if (!mfa) {
    await saveReproof(db, session.id, context.now, context.now + RECENT_SIGN_IN_MS);
    await recordAudit(db, { type: 'sso.reproved', at: context.now, personId: person.id, email, ip: context.ip, detail: auditDetail });
    return { kind: 'second_factor' };
  }
  const { token } = await advanceSession(db, session, 'active', context, context.now, 'sso');
  await deleteReproof(db, session.id);
  await recordAudit(db, { type: 'reauthenticated', at: context.now, personId: person.id, ip: context.ip, detail: auditDetail });
  return { kind: 'confirmed', token };
}

/** Whether the session has a proof at its provider that waits for the portal's second factor. */
export async function hasReproof(db: Db, session: Session, now: number): Promise<boolean> {
  return (await findReproof(db, session.id, now)) !== undefined;
}
