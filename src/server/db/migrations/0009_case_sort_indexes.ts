import type { Kysely } from 'kysely';

/**
 * My Cases sorts by last update, priority or number; only the first had indexes, so sorting a big
 * account's open cases by priority read and sorted all of them (13,400 of the benchmark's big
 * account: 25–31 ms a page on PostgreSQL, 53 pages a second under load). With these each sort
 * walks an index in page order for every scope: a contact's cases, an account's, and every case.
 * Sorting by number is sorting by id, which the primary key serves for every case.
 */
const INDEXES: Array<[name: string, columns: string[]]> = [
  ['cases_contact_priority_idx', ['contact_id', 'priority', 'id']],
  ['cases_account_priority_idx', ['account_id', 'priority', 'id']],
  ['cases_priority_idx', ['priority', 'id']],
  ['cases_contact_number_idx', ['contact_id', 'id']],
  ['cases_account_number_idx', ['account_id', 'id']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on('cases').columns(columns).execute();
}
