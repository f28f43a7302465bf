import * as client from 'openid-client';
import type { Selectable } from 'kysely';
import { getCountries } from 'libphonenumber-js';
import type { Db } from '../db/database.ts';
import type { IdentityProvider, Language, Person, SessionStage, SsoSignInsTable } from '../db/schema.ts';
import { completeLogin, secondFactorStage, type AuthDeps } from '../auth/auth.service.ts';
import { findPersonByEmail } from '../auth/auth.repository.ts';
import { SECOND_FACTOR_FAILURE_LIMIT, sendOneTimeCode } from '../auth/second-factor.ts';
import { currentTerms } from '../auth/terms.ts';
import { findAccount } from '../admin/admin.repository.ts';
import { recordAudit } from '../lib/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { sha256 } from '../lib/secrets.ts';
import { createSession, type SessionContext } from '../lib/sessions.ts';
import { formatCustomerIdentifier } from '../lib/identifiers.ts';
import { submitRegistration } from '../registration/registration.service.ts';
import { clientSecretOf, redirectUriFor } from './identity-providers.service.ts';
import { domainsOfProvider, findProviderByDomain, findProviderById, insertSignIn, takeSignIn } from './sso.repository.ts';

/** How long the person may take at their provider before the portal forgets the sign-in. */
export const SSO_SIGN_IN_TTL_MS = 10 * MINUTE;
/** Seconds the portal waits for a provider's discovery document or token endpoint. */
const PROVIDER_TIMEOUT_S = 5;
/**
 * RFC 8176 `amr` values that mean more than a password was checked: a multi-factor sign-in, a
 * one-time code, a hardware or proof-of-possession key, a smart card.
 */
const MFA_AMR = new Set(['mfa', 'otp', 'hwk', 'pop', 'sc']);

export type SsoDeps = AuthDeps & { defaultTimeZone: string };

/** Why an answer from a provider was refused; in the audit trail and, coarser, on the page. */
export type SsoRefusal =
  | 'state_mismatch'
  | 'state_unknown'
  | 'provider_error'
  | 'token_rejected'
  | 'email_unverified'
  | 'domain_mismatch'
  | 'other_account'
  | 'staff'
  | 'deactivated'
  | 'second_factor_locked'
  | 'provider_unavailable'
  // "Confirm it's you" at the provider (sso-reauthentication.ts):
  | 'session_mismatch'
  | 'other_person'
  | 'stale_auth_time';

/** What the callback ends in; all but `signed_in` end on the page that explains it. */
export type SsoOutcome =
  | { kind: 'signed_in'; stage: SessionStage; token: string; device?: string }
  | { kind: 'requested' | 'pending' | 'no_approver' }
  | { kind: 'refused'; reason: SsoRefusal };

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/**
 * The provider that answers for this address; never for the vendor's staff, who use their password,
 * nor for a contact of another account in its domains: that account's people would be shown another
 * organisation's sign-in page, which could pose as the portal's and collect their passwords.
 */
export async function providerFor(db: Db, email: string): Promise<IdentityProvider | null> {
  const normalized = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(normalized)) return null;
  const provider = await findProviderByDomain(db, domainOf(normalized));
  if (!provider) return null;
  const person = await findPersonByEmail(db, normalized);
  if (person && (person.kind === 'staff' || person.account_id !== provider.account_id)) return null;
  return provider;
}

/** Whether the login page should send this address to its organisation's provider. */
export async function usesSingleSignOn(db: Db, email: string): Promise<boolean> {
  return (await providerFor(db, email)) !== null;
}

export const unavailable = () =>
  new AppError(
    'unavailable',
    'Your organisation’s sign-in service could not be reached or is not set up correctly. Try again later, or ask your administrator. You can still log in with a password.',
    'sso.errors.unavailable',
  );

/** A provider's settings from its discovery document, with the client authentication it supports. */
export async function configurationFor(serverKey: Buffer, provider: IdentityProvider): Promise<client.Configuration> {
  const issuer = new URL(provider.issuer);
  // Plain http is accepted by the schema only for a provider on this machine.
  const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  const secret = clientSecretOf(serverKey, provider);
  const discovered = await client.discovery(issuer, provider.client_id, undefined, client.None(), { execute, timeout: PROVIDER_TIMEOUT_S });
  const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
  // client_secret_basic is what a provider that names no method supports (OpenID Connect Discovery §3).
  const auth = !methods || methods.includes('client_secret_basic') ? client.ClientSecretBasic(secret) : client.ClientSecretPost(secret);
  const configuration = new client.Configuration(discovered.serverMetadata(), provider.client_id, undefined, auth);
  for (const fn of execute) fn(configuration);
  configuration.timeout = PROVIDER_TIMEOUT_S;
  return configuration;
}

/**
 * Starts a sign-in at the organisation's provider: authorization code with PKCE, `state` and
 * `nonce`, kept on the server under the state's hash. The browser holds the state in a short-lived
 * cookie, so an answer is accepted only in the browser that started the sign-in.
 */
export async function startSingleSignOn(deps: SsoDeps, email: string, context: SessionContext): Promise<{ redirectUrl: string; state: string }> {
  const provider = await providerFor(deps.db, email);
  if (!provider) throw new AppError('bad_request', 'This address does not sign in with single sign-on. Enter your password.', 'sso.errors.notSso', 'email');
  let configuration: client.Configuration;
  try {
    configuration = await configurationFor(deps.serverKey, provider);
  } catch (error) {
    await recordAudit(deps.db, { type: 'sso.refused', at: context.now, email, ip: context.ip, accountId: provider.account_id, detail: { reason: 'provider_unavailable', error: describe(error) } });
    throw unavailable();
  }
  return sendToProvider(deps, configuration, provider, email, context.now);
}

/**
 * The authorization request itself, the same for a sign-in and for "Confirm it's you": fresh
 * `state`, `nonce` and PKCE verifier, kept under the state's hash. A confirmation is bound to the
 * session that asked (`reauthentication`) and asks the provider to check the person again
 * (`prompt=login`, `max_age=0`) rather than answer from its own session.
 */
export async function sendToProvider(
  deps: SsoDeps,
  configuration: client.Configuration,
  provider: IdentityProvider,
  email: string,
  now: number,
  reauthentication?: { sessionId: string; returnTo: string },
): Promise<{ redirectUrl: string; state: string }> {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await insertSignIn(deps.db, {
    stateHash: sha256(state),
    providerId: provider.id,
    email: email.trim().toLowerCase(),
    nonce,
    codeVerifier,
    expiresAt: now + SSO_SIGN_IN_TTL_MS,
    now,
    sessionId: reauthentication?.sessionId ?? null,
    returnTo: reauthentication?.returnTo ?? null,
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriFor(deps.publicUrl),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    login_hint: email.trim(),
    ...(reauthentication ? { prompt: 'login', max_age: '0' } : {}),
  });
  return { redirectUrl: url.href, state };
}

/** The provider checked more than a password: an `amr` of a second factor, or an `acr` its settings name. */
export function providerAssertedMfa(claims: Record<string, unknown>, mfaAcrValues: string[]): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((value) => typeof value === 'string' && MFA_AMR.has(value))) return true;
  return typeof claims.acr === 'string' && mfaAcrValues.includes(claims.acr);
}

/** The error for the audit trail, with the check behind openid-client's summary (e.g. which claim). */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`.slice(0, 300);
}

/** Network trouble and timeouts, as opposed to an answer the portal refused. */
const isUnreachable = (error: unknown) =>
  error instanceof Error && (error.name === 'TypeError' || error.name === 'AbortError' || error.name === 'TimeoutError' || error.message.includes('fetch failed'));

export type CallbackInput = {
  /** The query string the provider sent the browser back with, as it came. */
  search: string;
  state: string | undefined;
  /** The state the browser's cookie holds. */
  cookieState: string | undefined;
  language: Language;
  context: SessionContext;
};

/**
 * The provider's answer, checked alike for a sign-in and for "Confirm it's you": the state must be
 * the one this browser started with and unused; the code is exchanged with the PKCE verifier, and
 * openid-client checks the ID token's signature, issuer, audience, expiry and nonce. Its e-mail must
 * be verified and in a domain of this provider. What it then does is the caller's: sign in
 * (finishSingleSignOn) or confirm a session (sso-reauthentication.ts).
 */
export async function receiveAnswer(deps: SsoDeps, input: CallbackInput): Promise<ProviderAnswer> {
  const { db } = deps;
  const { now, ip } = input.context;
  let signIn: SsoSignIn | null = null;
  const refuse = async (reason: SsoRefusal, audit: RefusalAudit = {}): Promise<ProviderAnswer> => {
    await refuseAnswer(db, reason, signIn, audit, { now, ip });
    return { kind: 'refused', reason, signIn };
  };

  if (!input.state || !input.cookieState || input.state !== input.cookieState) return refuse('state_mismatch');
  signIn = (await takeSignIn(db, sha256(input.state), now)) ?? null;
  if (!signIn) return refuse('state_unknown');
  const provider = await findProviderById(db, signIn.provider_id);
  if (!provider) return refuse('state_unknown', { email: signIn.email });
  const audit = { email: signIn.email, accountId: provider.account_id };

  let claims: client.IDToken;
  try {
    const configuration = await configurationFor(deps.serverKey, provider);
    const tokens = await client.authorizationCodeGrant(configuration, new URL(`${redirectUriFor(deps.publicUrl)}${input.search}`), {
      pkceCodeVerifier: signIn.code_verifier,
      expectedState: input.state,
      expectedNonce: signIn.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims()!;
  } catch (error) {
    if (isUnreachable(error)) return refuse('provider_unavailable', { ...audit, detail: { error: describe(error) } });
    const reason = error instanceof client.AuthorizationResponseError ? 'provider_error' : 'token_rejected';
    return refuse(reason, { ...audit, detail: { error: describe(error) } });
  }

  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  const detail = { subject: claims.sub, issuer: claims.iss };
  if (!email || !verified) return refuse('email_unverified', { ...audit, email: email || signIn.email, detail });
  if (!(await domainsOfProvider(db, provider.id)).includes(domainOf(email))) return refuse('domain_mismatch', { ...audit, email, detail });
  return { kind: 'answered', signIn, provider, claims, email, detail };
}

/** What the audit of a refused answer names, besides the reason. */
export type RefusalAudit = { email?: string; accountId?: number | null; personId?: number; detail?: Record<string, unknown> };

/** Audits a refused answer as `sso.refused`; one that "Confirm it's you" started says so (`purpose`). */
export async function refuseAnswer(db: Db, reason: SsoRefusal, signIn: SsoSignIn | null, audit: RefusalAudit, context: { now: number; ip: string }): Promise<void> {
  const purpose = signIn?.session_id ? { purpose: 'reauthentication' } : {};
  await recordAudit(db, { type: 'sso.refused', at: context.now, ip: context.ip, email: audit.email ?? null, personId: audit.personId ?? null, accountId: audit.accountId ?? null, detail: { reason, ...purpose, ...audit.detail } });
}

type SsoSignIn = Selectable<SsoSignInsTable>;

/**
 * A provider's answer after the checks every answer passes (state, code, ID token, verified e-mail
 * in one of the provider's domains), or why it was refused (already audited). `signIn` is the
 * sign-in it answers, once known: a confirmation's carries the session and the way back.
 */
export type ProviderAnswer =
  | { kind: 'answered'; signIn: SsoSignIn; provider: IdentityProvider; claims: client.IDToken; email: string; detail: { subject: string; issuer: string } }
  | { kind: 'refused'; reason: SsoRefusal; signIn: SsoSignIn | null };

/** Signs in the contact an answer vouches for, or files a newcomer's registration request. */
export async function finishSingleSignOn(deps: SsoDeps, answer: ProviderAnswer, input: Pick<CallbackInput, 'language' | 'context'>): Promise<SsoOutcome> {
  if (answer.kind === 'refused') return { kind: 'refused', reason: answer.reason };
  const { db } = deps;
  const { now, ip } = input.context;
  const { signIn, provider, claims, email, detail } = answer;
  const audit = { email: signIn.email, accountId: provider.account_id };
  const refuse = async (reason: SsoRefusal, more: RefusalAudit): Promise<SsoOutcome> => {
    await refuseAnswer(db, reason, signIn, more, { now, ip });
    return { kind: 'refused', reason };
  };

  const person = await findPersonByEmail(db, email);
  if (person?.kind === 'staff') return refuse('staff', { ...audit, email, personId: person.id, detail });
  if (person && person.account_id !== provider.account_id) return refuse('other_account', { ...audit, email, detail });
  if (person && person.active !== 1) return refuse('deactivated', { ...audit, email, personId: person.id, detail });
  // As at the password and the passkey: an account locked by wrong codes opens only after a reset.
  if (person && person.second_factor_failures >= SECOND_FACTOR_FAILURE_LIMIT) return refuse('second_factor_locked', { ...audit, email, personId: person.id, detail });
  if (!person) return requestRegistration(deps, provider.account_id, email, claims, input.language, input.context);

  const mfa = providerAssertedMfa(claims as Record<string, unknown>, provider.mfa_acr_values ? provider.mfa_acr_values.split(' ') : []);
  await recordAudit(db, { type: 'sso.signed_in', at: now, personId: person.id, email, ip, detail: { ...detail, providerAssertedMfa: mfa, amr: claims.amr ?? null, acr: claims.acr ?? null } });
  return { kind: 'signed_in', ...(await signInContact(deps, person, mfa, input.context)) };
}

/**
 * The session of a contact the provider vouched for. The provider took the place of the password;
 * it takes the place of the second factor only when it says it checked one, else the portal asks
 * for the contact's own.
 */
async function signInContact(deps: SsoDeps, person: Person, providerAssertedMfa: boolean, context: SessionContext) {
  const stage: SessionStage = providerAssertedMfa ? await stageAfterSsoMfa(deps.db, person) : ((await secondFactorStage(deps.db, person)) ?? 'totp_pair');
  const { token, id } = await createSession(deps.db, person.id, stage, context, providerAssertedMfa ? context.now : null, providerAssertedMfa ? 'sso' : null);
  if (stage === 'email_code') await sendOneTimeCode(deps, person, id, context.now);
  if (stage === 'active') return { stage, token, device: await completeLogin(deps, person, context) };
  return { stage, token };
}

/** After a provider's second factor, only the terms may still be due: its contact has no password to change here. */
async function stageAfterSsoMfa(db: Db, person: Person): Promise<SessionStage> {
  const terms = await currentTerms(db, person.language);
  return person.terms_version_accepted === terms.version ? 'active' : 'terms';
}

const COUNTRIES = new Set<string>(getCountries());

/**
 * Someone the provider vouched for who is not yet a contact: a registration request, which the
 * account's approvers decide as any other (the guide's approval rule holds). The provider gives the
 * name and often the locale; the rest is what My Account can change later.
 */
async function requestRegistration(deps: SsoDeps, accountId: number, email: string, claims: client.IDToken, pageLanguage: Language, context: SessionContext): Promise<SsoOutcome> {
  const account = (await findAccount(deps.db, accountId))!;
  const locale = typeof claims.locale === 'string' ? claims.locale : '';
  const language: Language = locale ? (locale.toLowerCase().startsWith('ja') ? 'ja' : 'en') : pageLanguage;
  const region = locale.split(/[-_]/)[1]?.toUpperCase();
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : fallback);
  try {
    await submitRegistration(
      deps,
      {
        customerIdentifier: formatCustomerIdentifier(account.customer_identifier),
        firstName: text(claims.given_name, text(claims.name, email.slice(0, email.indexOf('@')))),
        lastName: text(claims.family_name, '-'),
        email,
        timeZone: deps.defaultTimeZone,
        countryCode: region && COUNTRIES.has(region) ? region : language === 'ja' ? 'JP' : 'US',
        phone: '',
        mobile: '',
        preferredContact: 'portal',
        language,
        otpMethod: 'email',
      },
      { now: context.now, ip: context.ip },
      { viaSso: true },
    );
    return { kind: 'requested' };
  } catch (error) {
    if (error instanceof AppError && error.messageKey === 'errors.emailRequested') return { kind: 'pending' };
    if (error instanceof AppError && error.messageKey === 'errors.noApprover') return { kind: 'no_approver' };
    throw error;
  }
}
