import { describe, expect, it } from 'vitest';
import { currentStep, generateTotpSecret, totpCodeAt, totpUri, verifyTotp } from './totp.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 15);
const STEP = 30_000;

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

  it('makes secrets of 160 random bits (32 base32 characters), a new one each time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('counts 30-second steps from the epoch', () => {
    expect(currentStep(0)).toBe(0);
    expect(currentStep(STEP - 1)).toBe(0);
    expect(currentStep(STEP)).toBe(1);
    expect(currentStep(T0)).toBe(Math.floor(T0 / STEP));
  });

  it('accepts the current code and one step of drift either way', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, T0), T0, null)).toBe(currentStep(T0));
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - STEP), T0, null)).toBe(currentStep(T0) - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, T0 + STEP), T0, null)).toBe(currentStep(T0) + 1);
  });

  it('refuses a code two steps away either way', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - 2 * STEP), T0, null)).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, T0 + 2 * STEP), T0, null)).toBeNull();
  });

  it('measures drift from the step `now` falls in, at both ends of it', () => {
    const start = currentStep(T0) * STEP;
    const end = start + STEP - 1;
    const previous = totpCodeAt(secret, start - 1);
    expect(verifyTotp(secret, previous, start, null)).toBe(currentStep(T0) - 1);
    expect(verifyTotp(secret, previous, end, null)).toBe(currentStep(T0) - 1);
    expect(verifyTotp(secret, previous, end + 1, null)).toBeNull();
  });

  it('never accepts a code twice, nor an older one after a newer (ASVS 6.5.1)', () => {
    const step = verifyTotp(secret, totpCodeAt(secret, T0), T0, null)!;
    expect(verifyTotp(secret, totpCodeAt(secret, T0), T0, step)).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - STEP), T0, step)).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, T0 + STEP), T0 + STEP, step)).toBe(step + 1);
  });

  it('accepts the next step after the last accepted one, also a drifted code', () => {
    const step = currentStep(T0);
    expect(verifyTotp(secret, totpCodeAt(secret, T0), T0, step - 1)).toBe(step);
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - STEP), T0, step - 2)).toBe(step - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, T0 - STEP), T0, step - 1)).toBeNull();
  });

  it('accepts a code of the very first step, when nothing was accepted before', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, 0), 15_000, null)).toBe(0);
  });

  it('refuses anything but six digits', () => {
    const code = totpCodeAt(secret, T0);
    for (const wrong of ['12345', '1234567', 'abcdef', ` ${code}`, `${code} `, `${code}0`, '']) {
      expect(verifyTotp(secret, wrong, T0, null), wrong).toBeNull();
    }
  });
});
