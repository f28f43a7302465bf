/**
 * What an account may require of everyone's second factor, from the loosest to the strictest:
 * 'any' (e-mailed code, authenticator app or passkey), 'app_or_passkey' (no e-mailed codes),
 * 'passkey_only'. Each accepts a subset of what the one before it does.
 */
export const SECOND_FACTOR_POLICIES = ['any', 'app_or_passkey', 'passkey_only'] as const;
export type SecondFactorPolicy = (typeof SECOND_FACTOR_POLICIES)[number];
