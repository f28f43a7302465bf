import { describe, expect, it } from 'vitest';
import { currentStep, generateTotpSecret, totpCodeAt, totpUri, verifyTotp } from './totp.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 15);

describe('TOTP (RFC 6238)', () => {
  const secret = generateTotpSecret();

  it('pairs through an otpauth URI with issuer Caseway, SHA-1, 6 digits, 30 s', () => {
    const uri = totpUri(secret, 'hanako@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Caseway:hanako%40example\.com\?/);
    expect(uri).toContain('issuer=Caseway');
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect(uri).toContain(`secret=${secret}`);
  });

  it('accepts the current code and one step of drift either way', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, T0), T0, null)).toBe(currentStep(T0));
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - 30_000), T0, null)).toBe(currentStep(T0) - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, T0 + 30_000), T0, null)).toBe(currentStep(T0) + 1);
  });

  it('refuses a code from two steps ago', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - 60_000), T0, null)).toBeNull();
  });

  it('never accepts a code twice, nor an older one after a newer (ASVS 6.5.1)', () => {
    const step = verifyTotp(secret, totpCodeAt(secret, T0), T0, null)!;
    expect(verifyTotp(secret, totpCodeAt(secret, T0), T0, step)).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - 30_000), T0, step)).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, T0 + 30_000), T0 + 30_000, step)).toBe(step + 1);
  });

  it('refuses anything but six digits', () => {
    expect(verifyTotp(secret, '12345', T0, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', T0, null)).toBeNull();
  });
});
