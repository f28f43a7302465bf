import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Person, Role, Session, SessionStage } from '../db/schema.ts';
import { AppError } from './errors.ts';
import { hmac, randomToken, safeEqual } from './secrets.ts';

export type CookieNames = { session: string; csrf: string };

/** `__Host-` cookies are pinned to this origin and must be Secure, so they exist only under https. */
export function cookieNames(secure: boolean): CookieNames {
  return secure ? { session: '__Host-caseway_session', csrf: '__Host-caseway_csrf' } : { session: 'caseway_session', csrf: 'caseway_csrf' };
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

export function sessionContext(request: FastifyRequest, now: number) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', now };
}

/** Sets the session cookie and a CSRF token bound to it, in one answer. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const { cookies, secure, serverKey } = request.server.deps;
  reply.setCookie(cookies.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(cookies.csrf, issueCsrfToken(serverKey, token), { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const { cookies, secure, serverKey } = request.server.deps;
  reply.clearCookie(cookies.session, { path: '/', secure });
  reply.setCookie(cookies.csrf, issueCsrfToken(serverKey, undefined), { path: '/', httpOnly: false, sameSite: 'strict', secure });
}
