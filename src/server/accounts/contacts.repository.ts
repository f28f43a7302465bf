import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, Role } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

const contactColumns = ['id', 'kind', 'account_id', 'first_name', 'last_name', 'email', 'active', 'last_login_at', 'otp_method', 'totp_secret'] as const;

export function findContact(executor: Executor, id: number) {
  return executor.selectFrom('people').select(contactColumns).where('id', '=', id).where('kind', '=', 'contact').executeTakeFirst();
}
export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>;

/** The contacts of one account in the order they joined, keyset-paginated on id (index people_account_idx). */
export function listAccountContacts(executor: Executor, accountId: number, after: number | undefined, limit: number) {
  let query = executor.selectFrom('people').select(contactColumns).where('account_id', '=', accountId).where('kind', '=', 'contact').orderBy('id').limit(limit);
  if (after) query = query.where('id', '>', after);
  return query.execute();
}

/** The roles of several people at once, so a page of contacts costs two queries. */
export async function rolesOfPeople(executor: Executor, personIds: number[]): Promise<Map<number, Role[]>> {
  const byPerson = new Map<number, Role[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return byPerson;
  const rows = await executor.selectFrom('person_roles').select(['person_id', 'role']).where('person_id', 'in', personIds).orderBy('role').execute();
  for (const row of rows) byPerson.get(row.person_id)?.push(row.role);
  return byPerson;
}

/** Which of several people have a passkey, for a page of contacts (index passkeys_person_idx). */
export async function peopleWithPasskeys(executor: Executor, personIds: number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const rows = await executor.selectFrom('passkeys').select('person_id').distinct().where('person_id', 'in', personIds).execute();
  return new Set(rows.map((row) => Number(row.person_id)));
}

/**
 * Serializes changes to one account's contacts until the transaction ends: two administrators
 * revoking each other at once must not both see "another administrator remains". An update takes
 * the row lock in PostgreSQL and the write lock in SQLite, with no dialect-specific SQL.
 */
export async function lockAccountContacts(executor: Transaction<Database>, accountId: number): Promise<void> {
  await executor.updateTable('accounts').set((eb) => ({ name: eb.ref('name') })).where('id', '=', accountId).execute();
}

/** Active contacts of the account holding `role`, leaving one person out. */
export async function countOtherActiveHolders(executor: Executor, accountId: number, role: Role, excludedPersonId: number): Promise<number> {
  const row = await executor
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('people.account_id', '=', accountId)
    .where('people.active', '=', 1)
    .where('person_roles.role', '=', role)
    .where('people.id', '!=', excludedPersonId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Whether a person (contact or staff) may log in; their sessions are ended by the caller, in the same transaction. */
export async function setPersonActive(executor: Executor, id: number, active: boolean, now: number): Promise<void> {
  await executor.updateTable('people').set({ active: active ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
}

export async function addRole(executor: Executor, personId: number, role: Role, now: number): Promise<void> {
  await executor.insertInto('person_roles').values({ person_id: personId, role, granted_at: now }).onConflict((oc) => oc.columns(['person_id', 'role']).doNothing()).execute();
}

export async function removeRole(executor: Executor, personId: number, role: Role): Promise<void> {
  await executor.deleteFrom('person_roles').where('person_id', '=', personId).where('role', '=', role).execute();
}
