import type { Kysely } from 'kysely';

/** Indexes behind the vendor administrators' lists, so each page of them is a range scan. */
export async function up(db: Kysely<any>): Promise<void> {
  // Accounts are listed by name, keyset-paginated on (name, id).
  await db.schema.createIndex('accounts_name_idx').on('accounts').columns(['name', 'id']).execute();
  // Staff are listed apart from the contacts of every account.
  await db.schema.createIndex('people_kind_idx').on('people').columns(['kind', 'id']).execute();
  // Registration requests of every account by state use registration_requests_state_idx (0005).
}
