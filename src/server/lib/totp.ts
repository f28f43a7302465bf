import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;

// Stryker disable next-line StringLiteral: the label only names the account in the URI, and totpUri always passes one; codes do not depend on it.
function totpFor(secretBase32: string, label = 'Caseway'): TOTP {
  return new TOTP({
    issuer: 'Caseway',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** 160 random bits, the size RFC 4226 recommends for SHA-1. */
export function generateTotpSecret(): string {
  // Stryker disable next-line ObjectLiteral: otpauth's default is 20 bytes too; the size is written out as the RFC's recommendation, not left to a default.
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

export function currentStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator would show at `now`; used by tests and the pairing check. */
export function totpCodeAt(secretBase32: string, now: number): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}

/**
 * RFC 6238 with one step of drift either way. Returns the matched time step, or null. A code whose
 * step is not after `lastAcceptedStep` is refused, so a code is never accepted twice
 * (RFC 6238 §5.2, ASVS 6.5.1).
 */
export function verifyTotp(secretBase32: string, code: string, now: number, lastAcceptedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = currentStep(now) + delta;
  if (lastAcceptedStep !== null && step <= lastAcceptedStep) return null;
  return step;
}
