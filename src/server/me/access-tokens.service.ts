import type { Db } from '../db/database.ts';
import { ACCESS_TOKEN_SCOPES, type AccessTokenScope } from '../../shared/access-tokens.ts';
import type { AccessToken, Person } from '../db/schema.ts';
import { newAccessToken } from '../auth/access-tokens.ts';
import { recordAudit } from '../lib/audit.ts';
import { DAY } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import type { SessionContext } from '../lib/sessions.ts';
import { accessTokensOf, insertAccessToken, revokeAccessTokenOf } from './access-tokens.repository.ts';
import type { AccessTokenView, CreateAccessTokenInput } from './access-tokens.schemas.ts';

/** Enough for every integration a person runs; a cap keeps a runaway script from filling the table. */
const MAX_ACCESS_TOKENS = 20;

/** Picks the fields My Account shows; the hash never leaves the server. */
function presentAccessToken(row: AccessToken, now: number): AccessTokenView {
  return {
    id: Number(row.id),
    name: row.name,
    // In the order of the scope list, whatever order they were chosen in.
    scopes: ACCESS_TOKEN_SCOPES.filter((scope) => row.scopes.split(' ').includes(scope)),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    expired: now >= Number(row.expires_at),
  };
}

export async function listAccessTokens(db: Db, person: Person, now: number): Promise<AccessTokenView[]> {
  return (await accessTokensOf(db, person.id)).map((row) => presentAccessToken(row, now));
}

/** Creates a token for the person; the token is returned this once and only its hash is stored. */
export async function createAccessToken(db: Db, person: Person, input: CreateAccessTokenInput, context: SessionContext): Promise<{ token: string; accessToken: AccessTokenView }> {
  const { token, hash } = newAccessToken();
  const scopes = [...new Set<AccessTokenScope>(input.scopes)];
  const row = await db.transaction().execute(async (trx) => {
    const live = (await accessTokensOf(trx, person.id)).filter((existing) => context.now < Number(existing.expires_at));
    if (live.length >= MAX_ACCESS_TOKENS) {
      throw new AppError('conflict', `You have ${MAX_ACCESS_TOKENS} access tokens already. Revoke one you no longer use first.`, 'errors.accessTokenLimit');
    }
    const inserted = await insertAccessToken(trx, {
      person_id: person.id,
      name: input.name,
      token_hash: hash,
      scopes: scopes.join(' '),
      created_at: context.now,
      expires_at: context.now + input.expiresInDays * DAY,
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, { type: 'access_token.created', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { tokenId: Number(inserted.id), name: input.name, scopes, expiresInDays: input.expiresInDays } });
    return inserted;
  });
  return { token, accessToken: presentAccessToken(row, context.now) };
}

/** Revokes one of the person's tokens at once; another person's token id is "not found", as it is for them. */
export async function revokeAccessToken(db: Db, person: Person, id: number, context: SessionContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await revokeAccessTokenOf(trx, person.id, id, context.now);
    if (!revoked) throw new AppError('not_found', 'There is no such access token.', 'errors.notFound');
    await recordAudit(trx, { type: 'access_token.revoked', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { tokenId: Number(revoked.id), name: revoked.name } });
  });
}
