import { describe, expect, it } from 'vitest';
import type { SecondFactor } from '../db/schema.ts';
import { isTightening, policyAccepts, setUpFactorsMeet } from './factor-policy.ts';

describe('the account-wide second-factor rule', () => {
  it.each([
    ['any', 'email', true],
    ['any', null, true],
    ['app_or_passkey', 'email', false],
    ['app_or_passkey', 'app', true],
    ['app_or_passkey', 'passkey', true],
    ['app_or_passkey', null, false],
    ['passkey_only', 'app', false],
    ['passkey_only', 'passkey', true],
    // The customer's own provider asserting MFA is the customer's own control.
    ['app_or_passkey', 'sso', true],
    ['passkey_only', 'sso', true],
  ] as const)('%s accepts a sign-in that proved %s: %s', (policy, factor, accepted) => {
    expect(policyAccepts(policy, factor as SecondFactor | null)).toBe(accepted);
  });

  it.each([
    ['any', { app: false, passkey: false }, true],
    ['app_or_passkey', { app: false, passkey: false }, false],
    ['app_or_passkey', { app: true, passkey: false }, true],
    ['app_or_passkey', { app: false, passkey: true }, true],
    ['passkey_only', { app: true, passkey: false }, false],
    ['passkey_only', { app: false, passkey: true }, true],
  ] as const)('%s is met by what is set up, %o: %s', (policy, factors, meets) => {
    expect(setUpFactorsMeet(policy, factors)).toBe(meets);
  });

  it('calls a rule that accepts fewer factors a tightening, and no other change', () => {
    expect(isTightening('any', 'app_or_passkey')).toBe(true);
    expect(isTightening('app_or_passkey', 'passkey_only')).toBe(true);
    expect(isTightening('passkey_only', 'any')).toBe(false);
    expect(isTightening('any', 'any')).toBe(false);
  });
});
