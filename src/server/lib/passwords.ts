import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// Stryker disable next-line ObjectLiteral: @node-rs/argon2's defaults are this same baseline today; written out so a change of defaults cannot weaken it.
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id, a const enum isolatedModules cannot read */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
/** NIST SP 800-63B asks verifiers to allow at least 64 characters; longer only costs hashing time. */
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows, verified when the e-mail is unknown so both answers take as long. */
let decoyHash: Promise<string> | undefined;
export function verifyDecoy(password: string): Promise<boolean> {
  decoyHash ??= hashPassword(`decoy-${randomInt(1e9)}-${Date.now()}`);
  return decoyHash.then((h) => verifyPassword(h, password));
}

const strength = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_personal';

/**
 * NIST SP 800-63B §3.1.1.2: length, no composition rules, and a check against commonly used,
 * expected or compromised values. The blocklist is zxcvbn's 49,000 common passwords plus its
 * patterns (repeats, sequences, keyboard walks, dates); a password a cracker would guess in fewer
 * than 10^8 tries is refused, and so is one built from the person's own name or e-mail.
 */
export function checkPasswordPolicy(password: string, personalWords: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const words = personalWords.flatMap((w) => w.toLowerCase().split(/[@.\s_+-]+/)).filter((w) => w.length >= 4);
  if (words.some((w) => lower.includes(w)) && strength.check(password.replace(new RegExp(words.map(escapeRegExp).join('|'), 'gi'), '')).score < 3) {
    return 'contains_personal';
  }
  const result = strength.check(password, ['caseway', 'support', 'portal', ...words]);
  if (result.score < 3) return 'common';
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `The new password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  too_long: `The new password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  common: 'This password is too common or too easy to guess. Choose a longer phrase that is not in lists of popular passwords.',
  contains_personal: 'The new password must not be built from your name or e-mail address.',
};

/**
 * How long a temporary password from an approval, `caseway contact|staff create` or an
 * administrator stays usable; it also works only once (a reset's lasts 60 minutes).
 */
export const TEMPORARY_PASSWORD_DAYS = 7;

const TEMPORARY_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 20 characters from 56 symbols: about 116 bits, readable from a mail without ambiguous letters. */
export function generateTemporaryPassword(): string {
  let value = '';
  for (let i = 0; i < 20; i++) value += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
  return value;
}

/**
 * The password hash of someone who signs in only at their organisation's provider: the hash of 32
 * random bytes that are neither kept nor told, so no password matches it, and a wrong one is
 * refused after the same work as anyone's (neither the answer nor its timing shows who has no
 * password). "Forgot your password?" still mails them a temporary one, as it proves the mailbox.
 */
export function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64url'));
}
