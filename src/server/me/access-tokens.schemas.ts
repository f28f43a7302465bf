import { z } from 'zod';
import { ACCESS_TOKEN_LIFETIMES_DAYS, ACCESS_TOKEN_SCOPES } from '../../shared/access-tokens.ts';

const accessTokenScope = z.enum(ACCESS_TOKEN_SCOPES);

export const createAccessTokenBody = z.strictObject({
  /** The person's label for the integration, e.g. "Monitoring". */
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  scopes: z.array(accessTokenScope).min(1, 'Choose at least one scope.').max(ACCESS_TOKEN_SCOPES.length),
  expiresInDays: z.union(ACCESS_TOKEN_LIFETIMES_DAYS.map((days) => z.literal(days))),
});
export type CreateAccessTokenInput = z.infer<typeof createAccessTokenBody>;

/** One of the person's tokens as My Account lists it; the token itself is never shown again. */
const accessTokenView = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(accessTokenScope),
  createdAt: z.number(),
  expiresAt: z.number(),
  /** Null until the token is first used. */
  lastUsedAt: z.number().nullable(),
  expired: z.boolean(),
});
export type AccessTokenView = z.infer<typeof accessTokenView>;

export const accessTokenList = z.object({ items: z.array(accessTokenView) });

/** The new token, shown this once: only its hash is kept. */
export const createdAccessToken = z.object({ token: z.string(), accessToken: accessTokenView });

export const accessTokenParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const revokedAccessToken = z.object({ id: z.number() });
