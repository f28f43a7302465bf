import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { sha256 } from '../lib/secrets.ts';
import { ADDRESS_FAILURE_THRESHOLD, EMAIL_FAILURE_THRESHOLD, FAILURE_MEMORY_MS, lockDurationMs } from './lockout.ts';

type Executor = Db | Transaction<Database>;

/** One attempt counted against a key before its password was checked. */
export type Reservation = { key: string; admitted: true; lockedUntil: number | null } | { key: string; admitted: false; lockedUntil: number };
type Admitted = Extract<Reservation, { admitted: true }>;

/**
 * Counts an attempt as a failure before its password is checked, and decides on the lock in the same
 * step: a compare-and-set on the key's row, tried again when another attempt changed the row first.
 * So N parallel attempts count as N, and those that come once the count reaches the threshold are
 * refused unchecked. (Reading the lock first and counting after the slow hash let a whole burst
 * through: Zammad's CVE-2022-35490.) A success takes its count back (`clearKey`, `releaseAttempt`).
 */
export async function reserveAttempt(executor: Executor, key: string, threshold: number, now: number): Promise<Reservation> {
  for (;;) {
    const row = await executor.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst();
    if (row?.locked_until != null && row.locked_until > now) return { key, admitted: false, lockedUntil: row.locked_until };
    const failures = row && now - row.updated_at < FAILURE_MEMORY_MS ? row.failures + 1 : 1;
    const lock = lockDurationMs(failures, threshold);
    const values = { failures, locked_until: lock > 0 ? now + lock : null, updated_at: now };
    const written = row
      ? (await executor.updateTable('login_throttles').set(values).where('key', '=', key).where('failures', '=', row.failures).where('updated_at', '=', row.updated_at).executeTakeFirst()).numUpdatedRows
      : (await executor.insertInto('login_throttles').values({ key, ...values }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows;
    if (Number(written) === 1) return { key, admitted: true, lockedUntil: values.locked_until };
  }
}

/** A success on the account's own key: its failures are forgotten. */
export async function clearKey(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('login_throttles').where('key', '=', key).execute();
}

/**
 * A success on a key that others share (the client address): only this attempt's own count is
 * taken back, and the lock it placed, so signing in to one's own account never wipes the failures
 * that guard other accounts.
 */
export async function releaseAttempt(executor: Executor, reservation: Admitted): Promise<void> {
  for (;;) {
    const row = await executor.selectFrom('login_throttles').selectAll().where('key', '=', reservation.key).executeTakeFirst();
    if (!row || row.failures === 0) return;
    const lockedUntil = row.locked_until === reservation.lockedUntil ? null : row.locked_until;
    const result = await executor
      .updateTable('login_throttles')
      .set({ failures: row.failures - 1, locked_until: lockedUntil })
      .where('key', '=', reservation.key)
      .where('failures', '=', row.failures)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return;
  }
}

/** Who a password attempt claims to be, and from where. `device` is a verified device cookie's id for this address. */
export type PasswordClaim = { email: string; ip: string; device: string | null };

export type PasswordAttempt = { admitted: false; lockedUntil: number } | { admitted: true; account: Admitted; address: Admitted };

/**
 * Admits a password attempt against two counts: the account's, and the client address's. The
 * account's count is kept per typed address (so locks answer alike for unknown addresses), or, for
 * a browser that signed in to this account before (OWASP's device cookies), per that browser: the
 * address-wide lock that anyone can trigger by guessing does not hold it. A device whose own count
 * is locked is trusted no more than any other browser.
 */
export async function admitPasswordAttempt(executor: Executor, claim: PasswordClaim, now: number): Promise<PasswordAttempt> {
  let account: Reservation | null = claim.device ? await reserveAttempt(executor, `device:${claim.device}`, EMAIL_FAILURE_THRESHOLD, now) : null;
  if (!account?.admitted) account = await reserveAttempt(executor, `email:${sha256(claim.email)}`, EMAIL_FAILURE_THRESHOLD, now);
  if (!account.admitted) return account;
  const address = await reserveAttempt(executor, `ip:${claim.ip}`, ADDRESS_FAILURE_THRESHOLD, now);
  if (!address.admitted) {
    await releaseAttempt(executor, account);
    return address;
  }
  return { admitted: true, account, address };
}

/** The lock a failed attempt leaves behind (0: none), which its answer reports. */
export function lockAfterFailure(attempt: Extract<PasswordAttempt, { admitted: true }>): number {
  return Math.max(attempt.account.lockedUntil ?? 0, attempt.address.lockedUntil ?? 0);
}

/** The password was right: the account's failures are forgotten, the address keeps everyone else's. */
export async function passPasswordAttempt(executor: Executor, attempt: Extract<PasswordAttempt, { admitted: true }>): Promise<void> {
  await clearKey(executor, attempt.account.key);
  await releaseAttempt(executor, attempt.address);
}
