import type { Kysely } from 'kysely';

/**
 * Indexes for the account administrator's lists: registration requests filtered by state (of one
 * account, or of every account for vendor administrators), newest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('registration_requests_account_state_idx').on('registration_requests').columns(['account_id', 'state', 'id']).execute();
  await db.schema.createIndex('registration_requests_state_idx').on('registration_requests').columns(['state', 'id']).execute();
}
