import type { Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/** Far beyond any due time (the largest instant a Date holds): the sort key of a case no clock is due for. Copied, not imported (a migration is frozen). */
const NO_DUE_TIME = 8_640_000_000_000_000;

/**
 * Issue 21, the SLA clock. Each case keeps the due times its history gives (recomputed on every event
 * that changes them) so the Queue sorts by what breaches first from an index, and the warning job
 * reads the cases falling due soon without computing every clock. `sla_due_at` is the earliest due
 * time still owed, NO_DUE_TIME when none is (closed, paused, no targets), never null: the two
 * databases place nulls at opposite ends of an order. No case has a target before the administrators
 * set one, so nothing is back-filled here; saving the targets computes every open case.
 *
 * `sla_warnings` holds one row per case and target warned: its key makes the warning happen once
 * across processes and never again for that case and target.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const big = bigIntType(db);
  await db.schema.alterTable('cases').addColumn('sla_response_due_at', big).execute();
  await db.schema.alterTable('cases').addColumn('sla_resolution_due_at', big).execute();
  await db.schema.alterTable('cases').addColumn('sla_due_at', big, (c) => c.notNull().defaultTo(NO_DUE_TIME)).execute();
  // Newest first among equal due times, as the many cases with none are listed (cases.repository.ts).
  await db.schema.createIndex('cases_sla_due_idx').on('cases').columns(['sla_due_at', 'id desc']).execute();
  await db.schema
    .createTable('sla_warnings')
    .addColumn('case_id', big, (c) => c.notNull().references('cases.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('due_at', big, (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_warnings_pk', ['case_id', 'target'])
    .execute();
}
