import { HOUR } from '../lib/clock.ts';

/** Failures allowed per e-mail address before each further one locks it for a while. */
export const EMAIL_FAILURE_THRESHOLD = 5;
/** A client address gets more room: several people may sit behind one office NAT. */
export const ADDRESS_FAILURE_THRESHOLD = 20;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = HOUR;
/** Failures older than this are forgotten, so an occasional typo never adds up to a lock. */
export const FAILURE_MEMORY_MS = 24 * HOUR;

/**
 * How long a key stays locked after its `failures`-th failure in a row: nothing below the
 * threshold, then 30 s, doubling with each further failure, at most an hour (ASVS 6.3.1,
 * NIST SP 800-63B §5.2.2).
 */
export function lockDurationMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - threshold), LONGEST_LOCK_MS);
}
