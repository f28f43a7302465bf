import type { Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/**
 * CC on a case: colleagues of the contact's account who follow a case (read, comment, get its mails),
 * and each person's choice of the case mails they receive (the guide's four; on by default).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const big = bigIntType(db);
  await db.schema
    .createTable('case_watchers')
    .addColumn('case_id', big, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('added_by', big, (c) => c.notNull().references('people.id'))
    .addColumn('created_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_watchers_pk', ['case_id', 'person_id'])
    .execute();
  // "Cases I follow": a person's watched cases.
  await db.schema.createIndex('case_watchers_person_idx').on('case_watchers').columns(['person_id', 'case_id']).execute();
  for (const column of ['mail_case_opened', 'mail_case_commented', 'mail_case_resolved', 'mail_case_closed']) {
    await db.schema.alterTable('people').addColumn(column, 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
}
