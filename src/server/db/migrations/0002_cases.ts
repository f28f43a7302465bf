import type { Kysely } from 'kysely';
import { addIdColumn, bigIntType } from '../database.ts';

/** Support cases, their activity, attachments and surveys. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = addIdColumn(db);
  const big = bigIntType(db);

  await db.schema
    .createTable('cases')
    .addColumn('id', id.type, id.build)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id'))
    .addColumn('contact_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('product_id', big, (c) => c.references('products.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('assignee_id', big, (c) => c.references('people.id'))
    .addColumn('follow_up_of', big, (c) => c.references('cases.id'))
    .addColumn('resolved_at', big)
    .addColumn('reminder_sent_at', big)
    .addColumn('closed_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  // Keyset paging for My Cases (contact, account) and the agents' queue, newest update first.
  await db.schema.createIndex('cases_contact_updated_idx').on('cases').columns(['contact_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('cases_account_updated_idx').on('cases').columns(['account_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('cases_state_updated_idx').on('cases').columns(['state', 'updated_at', 'id']).execute();
  await db.schema.createIndex('cases_updated_idx').on('cases').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('cases_follow_up_idx').on('cases').column('follow_up_of').execute();
  await db.schema.createIndex('cases_resolved_idx').on('cases').columns(['state', 'resolved_at']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', id.type, id.build)
    .addColumn('case_id', big, (c) => c.references('cases.id'))
    .addColumn('uploaded_by', big, (c) => c.notNull().references('people.id'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', big, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_case_idx').on('attachments').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('attachments_staged_idx').on('attachments').columns(['uploaded_by', 'case_id']).execute();

  await db.schema
    .createTable('case_activities')
    .addColumn('id', id.type, id.build)
    .addColumn('case_id', big, (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', big, (c) => c.references('people.id'))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('attachment_id', big, (c) => c.references('attachments.id'))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_activities_case_idx').on('case_activities').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', id.type, id.build)
    .addColumn('case_id', big, (c) => c.notNull().unique().references('cases.id'))
    .addColumn('contact_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('answer_1', 'integer')
    .addColumn('answer_2', 'integer')
    .addColumn('answer_3', 'integer')
    .addColumn('answer_4', 'integer')
    .addColumn('answer_5', 'integer')
    .addColumn('comment', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('answered_at', big)
    .execute();
  await db.schema.createIndex('surveys_contact_idx').on('surveys').columns(['contact_id', 'id']).execute();
}
