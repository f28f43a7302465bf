// oidc-provider ships no types; the test provider (oidc.ts) uses a handful of its calls.
declare module 'oidc-provider';
