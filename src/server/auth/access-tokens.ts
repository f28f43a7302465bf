import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { AccessTokenScope } from '../../shared/access-tokens.ts';
import type { Person, Role, Session } from '../db/schema.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import type { LoadedSession } from '../lib/sessions.ts';
import { randomToken, sha256 } from '../lib/secrets.ts';
import { SECOND_FACTOR_FAILURE_LIMIT } from './second-factor.ts';

/**
 * The recognisable prefix lets secret scanners (and people) tell a Caseway token from other
 * secrets; 32 random bytes after it make guessing hopeless, so a plain SHA-256 stores it safely.
 */
export const ACCESS_TOKEN_PREFIX = 'cw_pat_';
const TOKEN_SHAPE = /^cw_pat_[A-Za-z0-9_-]{43}$/;

/** A new token and the hash that is all the database keeps of it. */
export function newAccessToken(): { token: string; hash: string } {
  const token = `${ACCESS_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, hash: sha256(token) };
}

/**
 * The only API routes a token reaches, and the scope each needs. Everything else (tokens
 * themselves, password, second factor, sessions, administration) needs a signed-in browser, so a
 * leaked token can never be turned into more access or a takeover. A route renamed without
 * updating this list fails closed.
 */
const routeScopes: Record<string, AccessTokenScope> = {
  'GET /api/me': 'profile:read',
  'GET /api/products': 'cases:read',
  'GET /api/cases': 'cases:read',
  'GET /api/cases/export': 'cases:read',
  'GET /api/cases/:number': 'cases:read',
  'GET /api/cases/:number/activity': 'cases:read',
  'GET /api/cases/:number/watchers': 'cases:read',
  'GET /api/queue': 'cases:read',
  'GET /api/agents': 'cases:read',
  'GET /api/attachments/:id': 'cases:read',
  'GET /api/attachments/:id/thumbnail': 'cases:read',
  'POST /api/cases': 'cases:write',
  'POST /api/attachments': 'cases:write',
  'POST /api/cases/:number/attachments': 'cases:write',
  'POST /api/cases/:number/watchers': 'cases:write',
  'DELETE /api/cases/:number/watchers/:personId': 'cases:write',
  'POST /api/cases/:number/comments': 'cases:write',
  'POST /api/cases/:number/accept': 'cases:write',
  'POST /api/cases/:number/reject': 'cases:write',
  'POST /api/cases/:number/close': 'cases:write',
  'POST /api/cases/:number/start': 'cases:write',
  'POST /api/cases/:number/assign': 'cases:write',
  'POST /api/cases/:number/request-info': 'cases:write',
  'POST /api/cases/:number/propose-solution': 'cases:write',
  'POST /api/cases/:number/cancel': 'cases:write',
  'POST /api/cases/:number/priority': 'cases:write',
  'GET /api/kb/search': 'kb:read',
  'GET /api/kb/articles/:number': 'kb:read',
};

/** The scope a token needs for a route, or undefined when no token may use it (for the OpenAPI document too). */
export const scopeForRoute = (method: string, url: string): AccessTokenScope | undefined => routeScopes[`${method} ${url}`];

/** Requests a token may make per minute: plenty for a sync, little for a runaway script. */
export const TOKEN_REQUESTS_PER_MINUTE = 300;

/** `last_used_at` is written at most this often, as sessions' `last_seen_at`. */
const TOUCH_EVERY_MS = MINUTE;

const refused = (message: string) => new AppError('unauthenticated', message, 'errors.accessTokenInvalid');

/** The token of an `Authorization: Bearer …` header; undefined when there is none. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw refused('Send the token as "Authorization: Bearer cw_pat_…".');
  return match[1];
}

async function loadToken(db: Db, hash: string) {
  const rows = await db
    .selectFrom('access_tokens as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .leftJoin('person_roles as r', 'r.person_id', 'p.id')
    .selectAll('p')
    .select(['t.id as token_id', 't.scopes as token_scopes', 't.created_at as token_created_at', 't.expires_at as token_expires_at', 't.last_used_at as token_last_used_at', 't.revoked_at as token_revoked_at', 'r.role'])
    .where('t.token_hash', '=', hash)
    .execute();
  return rows;
}

/**
 * Signs a request in with its bearer token, in place of a session cookie: it acts as its person
 * with their current roles, only on the routes its scopes open. Returns false when the request
 * carries no token. A request with both a token and a session cookie is refused, so which
 * credential acts is never a guess (and a page cannot borrow a token's rights or the reverse).
 */
export async function authenticateWithToken(request: FastifyRequest, sessionCookie: string | undefined): Promise<boolean> {
  const token = bearerToken(request);
  if (token === undefined) return false;
  if (sessionCookie) throw new AppError('bad_request', 'Send either a session cookie or an access token, not both.', 'errors.accessTokenWithCookie');
  if (!TOKEN_SHAPE.test(token)) throw refused('This is not a Caseway access token.');
  const { db, clock } = request.server.deps;
  const now = clock();
  const rows = await loadToken(db, sha256(token));
  const row = rows[0];
  if (!row) throw refused('This access token is not valid.');
  if (row.token_revoked_at !== null) throw refused('This access token was revoked. Create a new one in My Account.');
  if (now >= row.token_expires_at) throw refused('This access token has expired. Create a new one in My Account.');
  if (row.active !== 1 || row.second_factor_failures >= SECOND_FACTOR_FAILURE_LIMIT) throw refused('The person this access token belongs to cannot sign in now.');

  const scopes = row.token_scopes.split(' ') as AccessTokenScope[];
  const url = request.routeOptions.url;
  // An address that matched no route goes on to the 404 every client gets.
  if (url !== undefined) {
    const needed = scopeForRoute(request.method, url);
    if (!needed) throw new AppError('forbidden', 'An access token cannot do this; sign in to the portal instead.', 'errors.accessTokenNotAllowed');
    if (!scopes.includes(needed)) throw new AppError('forbidden', `This access token lacks the ${needed} scope.`, 'errors.accessTokenScope');
  }

  if (row.token_last_used_at === null || now - row.token_last_used_at >= TOUCH_EVERY_MS) {
    await db.updateTable('access_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const { token_id, token_scopes, token_created_at, token_expires_at, token_last_used_at, token_revoked_at, role, ...person } = row;
  const roles = rows.flatMap((r) => (r.role ? [r.role as Role] : []));
  // Handlers ask for a fully signed-in session; a token stands for one that never proved the
  // password recently (authenticated_at null), so a recent-sign-in route would refuse it even if
  // it were listed above. Its id cannot match a session row (those are SHA-256 hex).
  const session: Session = { id: `token:${token_id}`, person_id: person.id, stage: 'active', created_at: token_created_at, last_seen_at: now, expires_at: token_expires_at, ip: request.ip, user_agent: '', authenticated_at: null, second_factor: null, code_attempts: 0 };
  const auth: LoadedSession = { session, person: person as Person, roles, accessToken: { id: Number(token_id), scopes } };
  request.auth = auth;
  return true;
}

/**
 * Per-token limit (its own budget, whatever address it comes from), for every request signed in
 * with a token. Counted with createRateLimit, not the plugin's request hook: that hook marks the
 * request as limited, and the route's own per-address limit would then be skipped. Tests that
 * make many requests turn limits off in the config.
 */
export function perTokenLimit(api: FastifyInstance) {
  const count = api.createRateLimit({
    max: api.deps.config.rateLimits ? TOKEN_REQUESTS_PER_MINUTE : Number.MAX_SAFE_INTEGER,
    timeWindow: '1 minute',
    keyGenerator: (request) => `access-token:${request.auth?.accessToken?.id}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.auth?.accessToken) return;
    const limit = await count(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    throw new AppError('too_many_requests', 'This access token made too many requests. Wait a minute and try again.', 'errors.rateLimited');
  };
}
