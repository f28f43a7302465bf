import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { containsPattern, lowerLike } from '../db/text-match.ts';
import { AppError } from '../lib/errors.ts';
import { nextCounterValue } from '../lib/identifiers.ts';

type Executor = Db | Transaction<Database>;

/** A page's position: the sort key of its last row, then the row's id. */
type Cursor = [...(string | number)[], number];

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** `shape` names the type of each key, so a forged cursor is refused rather than compared. */
export function decodeCursor<T extends Cursor>(value: string, shape: ('string' | 'number')[]): T {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === shape.length &&
      parsed.every((key, i) => (shape[i] === 'number' ? Number.isSafeInteger(key) : typeof key === 'string'))
    ) {
      return parsed as T;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'This page link is out of date. Go back to the first page.', 'errors.badCursor', 'cursor');
}

/** What an account view shows; also read back after a rename. */
const ACCOUNT_COLUMNS = ['id', 'name', 'customer_identifier', 'second_factor_policy', 'sso_self_service', 'created_at'] as const;

/** Accounts by name (index accounts_name_idx); `q` matches part of the name or a whole identifier. */
export function listAccounts(executor: Executor, query: { q: string; identifier: string | null; after: [string, number] | null; limit: number }) {
  let q = executor.selectFrom('accounts').select(ACCOUNT_COLUMNS).orderBy('name').orderBy('id').limit(query.limit);
  if (query.q) {
    const pattern = containsPattern(query.q);
    q = q.where((eb) =>
      eb.or([
        lowerLike('name', pattern),
        ...(query.identifier ? [eb('customer_identifier', '=', query.identifier)] : []),
      ]),
    );
  }
  if (query.after) {
    const [name, id] = query.after;
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  return q.execute();
}

export function findAccount(executor: Executor, id: number) {
  return executor.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export function renameAccount(executor: Executor, id: number, name: string) {
  return executor.updateTable('accounts').set({ name }).where('id', '=', id).returning(ACCOUNT_COLUMNS).executeTakeFirst();
}

export function updateSsoSelfService(executor: Executor, id: number, allowed: boolean) {
  return executor.updateTable('accounts').set({ sso_self_service: allowed ? 1 : 0 }).where('id', '=', id).returning(ACCOUNT_COLUMNS).executeTakeFirst();
}

function staffQuery(executor: Executor) {
  return executor
    .selectFrom('people')
    .select(['id', 'email', 'first_name', 'last_name', 'otp_method', 'language', 'time_zone', 'active', 'last_login_at', 'created_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('person_roles').select('person_id').whereRef('person_roles.person_id', '=', 'people.id').where('person_roles.role', '=', 'admin'))
        .as('is_admin'),
    )
    .where('kind', '=', 'staff');
}

/** Vendor staff in the order they were created (index people_kind_idx). */
export function listStaff(executor: Executor, after: number | null, limit: number) {
  let q = staffQuery(executor).orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

export function findStaff(executor: Executor, id: number) {
  return staffQuery(executor).where('id', '=', id).executeTakeFirst();
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

/**
 * Serialises changes to who is an active administrator: the counter row's update is held until
 * the transaction ends in PostgreSQL, and SQLite has one writer, so two administrators deactivated
 * at once cannot both see the other as the one who remains.
 */
export async function lockAdministrators(trx: Transaction<Database>): Promise<void> {
  await nextCounterValue(trx, 'administrator_changes');
}

export async function countOtherActiveAdmins(executor: Executor, exceptId: number): Promise<number> {
  const row = await executor
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('people.kind', '=', 'staff')
    .where('people.active', '=', 1)
    .where('person_roles.role', '=', 'admin')
    .where('people.id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** "Get help with registration" requests, newest first (primary key). */
export function listHelpRequests(executor: Executor, after: number | null, limit: number) {
  let q = executor.selectFrom('registration_help_requests').selectAll().orderBy('id', 'desc').limit(limit);
  if (after) q = q.where('id', '<', after);
  return q.execute();
}

export type HelpRequestRow = Awaited<ReturnType<typeof listHelpRequests>>[number];
