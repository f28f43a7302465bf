import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, PersonUpdate, Role } from '../db/schema.ts';
import { FAILURE_MEMORY_MS, lockDurationMs } from './lockout.ts';

type Executor = Db | Transaction<Database>;

export function findPersonByEmail(executor: Executor, email: string) {
  return executor.selectFrom('people').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findPersonById(executor: Executor, id: number) {
  return executor.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePerson(executor: Executor, id: number, changes: PersonUpdate): Promise<void> {
  await executor.updateTable('people').set(changes).where('id', '=', id).execute();
}

export async function rolesOf(executor: Executor, personId: number): Promise<Role[]> {
  const rows = await executor.selectFrom('person_roles').select('role').where('person_id', '=', personId).execute();
  return rows.map((r) => r.role);
}

export function accountOf(executor: Executor, accountId: number) {
  return executor.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

/** The latest moment until which any of `keys` is locked, or 0. */
export async function lockedUntil(executor: Executor, keys: string[], now: number): Promise<number> {
  const rows = await executor.selectFrom('login_throttles').select('locked_until').where('key', 'in', keys).where('locked_until', '>', now).execute();
  return Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
}

/** Counts one more failure for `key` and locks it when the count calls for it. Returns the lock's end, or 0. */
export async function recordFailure(executor: Executor, key: string, threshold: number, now: number): Promise<number> {
  const existing = await executor.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst();
  const failures = existing && now - existing.updated_at < FAILURE_MEMORY_MS ? existing.failures + 1 : 1;
  const lock = lockDurationMs(failures, threshold);
  const lockedUntilValue = lock > 0 ? now + lock : null;
  await executor
    .insertInto('login_throttles')
    .values({ key, failures, locked_until: lockedUntilValue, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntilValue, updated_at: now }))
    .execute();
  return lockedUntilValue ?? 0;
}

export async function clearFailures(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('login_throttles').where('key', '=', key).execute();
}

export async function insertOneTimeCode(executor: Executor, values: { personId: number; sessionId: string; codeHash: string; expiresAt: number; now: number }) {
  // A new code replaces every earlier one of the same sign-in.
  await executor.updateTable('one_time_codes').set({ used_at: values.now }).where('session_id', '=', values.sessionId).where('used_at', 'is', null).execute();
  await executor
    .insertInto('one_time_codes')
    .values({ person_id: values.personId, session_id: values.sessionId, code_hash: values.codeHash, attempts: 0, expires_at: values.expiresAt, created_at: values.now })
    .execute();
}

export function latestOneTimeCode(executor: Executor, sessionId: string) {
  return executor.selectFrom('one_time_codes').selectAll().where('session_id', '=', sessionId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function countOneTimeCodes(executor: Executor, sessionId: string): Promise<number> {
  const row = await executor.selectFrom('one_time_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  return Number(row.n);
}
