/** Personal access tokens: what the server enforces and My Account offers. No Node imports here. */

/** What a token may do, on top of its person's own rights (never beyond them). */
export const ACCESS_TOKEN_SCOPES = ['cases:read', 'cases:write', 'kb:read', 'profile:read'] as const;
export type AccessTokenScope = (typeof ACCESS_TOKEN_SCOPES)[number];

/** How long a new token lives: every token expires (NIST SP 800-63B, ASVS), at most a year. */
export const ACCESS_TOKEN_LIFETIMES_DAYS = [30, 90, 365] as const;
export type AccessTokenLifetimeDays = (typeof ACCESS_TOKEN_LIFETIMES_DAYS)[number];
