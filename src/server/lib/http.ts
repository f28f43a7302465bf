import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language, Person, Role, Session, SessionStage } from '../db/schema.ts';
import type { SessionContext } from './sessions.ts';
import { AppError } from './errors.ts';
import { hmac, randomToken, safeEqual } from './secrets.ts';

export type CookieNames = { session: string; csrf: string; device: string };

/** `__Host-` cookies are pinned to this origin and must be Secure, so they exist only under https. */
export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}caseway_session`, csrf: `${prefix}caseway_csrf`, device: `${prefix}caseway_device` };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route changes how the person signs in (password, second factor): a signed-in session
     * may use it only within a few minutes of proving the password and second factor.
     */
    recentSignIn?: boolean;
  }
}

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Signed double-submit token (OWASP CSRF cheat sheet): a nonce and its HMAC bound to the session
 * cookie the browser holds. A cookie planted by another site cannot match a session it cannot read.
 */
export function issueCsrfToken(key: Buffer, sessionToken: string | undefined): string {
  const nonce = randomToken(18);
  return `${nonce}.${hmac(key, `${sessionToken ?? 'anonymous'}|${nonce}`)}`;
}

export function csrfTokenIsValid(key: Buffer, sessionToken: string | undefined, cookieValue: string | undefined, headerValue: string | undefined): boolean {
  if (!cookieValue || !headerValue || !safeEqual(cookieValue, headerValue)) return false;
  const [nonce, mac] = cookieValue.split('.');
  if (!nonce || !mac) return false;
  return safeEqual(mac, hmac(key, `${sessionToken ?? 'anonymous'}|${nonce}`));
}

/** How long a browser is remembered as one that signed in to an account before. */
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;

/**
 * OWASP's "device cookies": a browser that completed a sign-in gets a signed token naming the
 * account, so that a later password attempt from it is counted on its own and not held by the
 * lock that anyone guessing at the address can set off. Only the server can make one, and one for
 * another address is worth nothing.
 */
export function issueDeviceToken(key: Buffer, email: string): string {
  const nonce = randomToken(18);
  return `${nonce}.${hmac(key, `device|${email}|${nonce}`)}`;
}

/** The device's id when `token` was issued for `email` by this server, else null. */
export function deviceIdFor(key: Buffer, token: string | undefined, email: string): string | null {
  const [nonce, mac, ...rest] = (token ?? '').split('.');
  if (!nonce || !mac || rest.length > 0) return null;
  return safeEqual(mac, hmac(key, `device|${email}|${nonce}`)) ? nonce : null;
}

export type Authenticated = { session: Session; person: Person; roles: Role[] };

/** The signed-in person whose session reached `stage` (by default: fully signed in), or 401. */
export function requireSession(request: FastifyRequest, stage: SessionStage | SessionStage[] = 'active'): Authenticated {
  const loaded = request.auth;
  const stages = Array.isArray(stage) ? stage : [stage];
  if (!loaded) throw new AppError('unauthenticated', 'Please log in to continue.', 'errors.unauthenticated');
  if (!stages.includes(loaded.session.stage)) {
    throw new AppError('unauthenticated', 'Finish signing in first.', 'errors.signInIncomplete');
  }
  return loaded;
}

/** A signed-in person with their roles: who every authorization policy asks about. */
export type Actor = { person: Person; roles: Role[] };

export function requireActor(request: FastifyRequest): Actor {
  const { person, roles } = requireSession(request);
  return { person, roles };
}

export function sessionContext(request: FastifyRequest, now: number): SessionContext {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', now, deviceToken: request.cookies[request.server.deps.cookies.device] };
}

/** Sets a CSRF token bound to the session cookie the browser will hold (none: anonymous). */
export function setCsrfCookie(request: FastifyRequest, reply: FastifyReply, sessionToken: string | undefined): void {
  const { cookies, secure, serverKey } = request.server.deps;
  reply.setCookie(cookies.csrf, issueCsrfToken(serverKey, sessionToken), { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

/**
 * Sets the session cookie and a CSRF token bound to it, in one answer; and, when the step completed
 * a sign-in, the device cookie that remembers this browser for the account.
 */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, step: { token: string; device?: string }): void {
  const { cookies, secure } = request.server.deps;
  reply.setCookie(cookies.session, step.token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  setCsrfCookie(request, reply, step.token);
  if (step.device) reply.setCookie(cookies.device, step.device, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: DEVICE_COOKIE_MAX_AGE_S });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const { cookies, secure } = request.server.deps;
  reply.clearCookie(cookies.session, { path: '/', secure });
  setCsrfCookie(request, reply, undefined);
}

/**
 * The language the viewer reads the answer in: the page's language, which the web app sends as
 * Accept-Language, else the person's own. Names in answers follow it (山田 太郎 / Taro Yamada).
 */
export function viewerLanguage(request: FastifyRequest, person?: { language: Language } | null): Language {
  const wanted = request.headers['accept-language']?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return wanted === 'ja' || wanted === 'en' ? wanted : (person?.language ?? 'en');
}
