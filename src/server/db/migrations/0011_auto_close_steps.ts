import type { Kysely } from 'kysely';

/**
 * The auto-close job's reminder step reads Resolved cases not reminded yet, oldest resolution first.
 * On cases_resolved_idx (state, resolved_at) it walked past every case already reminded and still
 * waiting to close; with the reminder column before the resolution time it reads only those due.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_reminder_due_idx').on('cases').columns(['state', 'reminder_sent_at', 'resolved_at']).execute();
}
