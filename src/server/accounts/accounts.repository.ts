import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, NewPerson, Role } from '../db/schema.ts';
import { containsPattern, lowerLike } from '../db/text-match.ts';

type Executor = Db | Transaction<Database>;

export function findAccountByIdentifier(executor: Executor, customerIdentifier: string) {
  return executor.selectFrom('accounts').selectAll().where('customer_identifier', '=', customerIdentifier).executeTakeFirst();
}

export async function insertAccount(executor: Executor, values: { name: string; customerIdentifier: string; now: number }) {
  return executor
    .insertInto('accounts')
    .values({ name: values.name, customer_identifier: values.customerIdentifier, created_at: values.now })
    .returning(['id', 'name', 'customer_identifier'])
    .executeTakeFirstOrThrow();
}

export async function insertPerson(executor: Executor, person: NewPerson, roles: Role[], now: number) {
  const inserted = await executor.insertInto('people').values(person).returning(['id']).executeTakeFirstOrThrow();
  for (const role of roles) {
    await executor.insertInto('person_roles').values({ person_id: inserted.id, role, granted_at: now }).execute();
  }
  return inserted.id;
}

export async function emailIsRegistered(executor: Executor, email: string): Promise<boolean> {
  const row = await executor.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

/** Active people of an account holding any of `roles`: who receives its registration requests. */
export function accountPeopleWithRoles(executor: Executor, accountId: number, roles: Role[]) {
  return executor
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.email', 'people.first_name', 'people.last_name', 'people.language'])
    .distinct()
    .where('people.account_id', '=', accountId)
    .where('people.active', '=', 1)
    .where('person_roles.role', 'in', roles)
    .execute();
}

/** Active vendor staff holding `role`. */
export function staffWithRole(executor: Executor, role: Role) {
  return executor
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.email', 'people.first_name', 'people.last_name', 'people.language'])
    .where('people.kind', '=', 'staff')
    .where('people.active', '=', 1)
    .where('person_roles.role', '=', role)
    .execute();
}

/**
 * The first `limit` accounts by name whose name contains `text`. The order is that of
 * accounts_name_idx (name, id), so the scan reads the index in order and stops at the limit.
 */
export function searchAccountsByName(executor: Executor, text: string, limit: number) {
  let q = executor.selectFrom('accounts').select(['id', 'name']).orderBy('name').orderBy('id').limit(limit);
  if (text) q = q.where(lowerLike('name', containsPattern(text)));
  return q.execute();
}

export function findAccountName(executor: Executor, id: number) {
  return executor.selectFrom('accounts').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}
