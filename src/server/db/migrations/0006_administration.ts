import type { Kysely } from 'kysely';

/** Indexes behind the vendor administrators' lists, so each page of them is a range scan. */
export async function up(db: Kysely<any>): Promise<void> {
  // Accounts are listed by name, keyset-paginated on (name, id).
  await db.schema.createIndex('accounts_name_idx').on('accounts').columns(['name', 'id']).execute();
  // Staff are listed apart from the contacts of every account.
  await db.schema.createIndex('people_kind_idx').on('people').columns(['kind', 'id']).execute();
  // Registration requests of every account, filtered by state, newest first. 0005 creates the same
  // index (both branches needed it); it belongs to 0005, so this one only makes sure it is there.
  await db.schema.createIndex('registration_requests_state_idx').ifNotExists().on('registration_requests').columns(['state', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_kind_idx').execute();
  await db.schema.dropIndex('accounts_name_idx').execute();
}
