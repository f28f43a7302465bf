import { sql, type Kysely } from 'kysely';

/**
 * Files uploaded for a case or comment that was never sent stay staged (case_id null). The job
 * that removes them after a day looks for the oldest staged rows; a partial index holds only those,
 * so the look-up stays a short range scan however many files are attached to cases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attachments_staged_age_idx').on('attachments').columns(['created_at', 'id']).where(sql.ref('case_id'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attachments_staged_age_idx').execute();
}
