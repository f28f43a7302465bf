import { sql, type Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/**
 * Issue 21 part 2, the account's dashboard. Each case keeps, once reached, when its first response
 * and its resolution came, the business minutes its clock had used by then and whether that met
 * the target (1) or not (0), so medians and met shares over a period are one indexed read, not a
 * replay of 200,000 histories. Written by the SLA clock where a target applies; nothing is
 * back-filled (the clock's code is live, a migration is frozen), so cases that reached a target
 * before this migration count from their next event on.
 *
 * Surveys get their case's account (back-filled here by plain SQL), so an account's surveys per
 * week are a range of one index: joining each week's surveys to their cases made SQLite walk the
 * account's cases once a week (3.6 s for the benchmark's big account over a year).
 *
 * Indexes: each figure reads one range of one index per scope, an account's (led by account_id)
 * or every account's (led by the instant). The open cases' counts read a covering index. The
 * targets' figures are read per priority, so their indexes put the priority before the instant:
 * each priority's range comes in order and the median groups without sorting (over a year of all
 * accounts, sorting the period's rows by priority first took most of the dashboard's time).
 */
const INDEXES: Array<[name: string, columns: string[]]> = [
  ['cases_account_open_mix_idx', ['account_id', 'state', 'priority', 'product_id']],
  ['cases_open_mix_idx', ['state', 'priority', 'product_id']],
  ['cases_account_created_idx', ['account_id', 'created_at']],
  ['cases_created_idx', ['created_at']],
  ['cases_account_closed_idx', ['account_id', 'closed_at', 'state']],
  ['cases_closed_idx', ['closed_at', 'state']],
  ['cases_account_response_idx', ['account_id', 'priority', 'sla_response_at', 'sla_response_minutes', 'sla_response_met']],
  ['cases_response_idx', ['priority', 'sla_response_at', 'sla_response_minutes', 'sla_response_met']],
  ['cases_account_resolution_idx', ['account_id', 'priority', 'sla_resolution_at', 'sla_resolution_minutes', 'sla_resolution_met']],
  ['cases_resolution_idx', ['priority', 'sla_resolution_at', 'sla_resolution_minutes', 'sla_resolution_met']],
];

export async function up(db: Kysely<any>): Promise<void> {
  const big = bigIntType(db);
  for (const target of ['response', 'resolution']) {
    await db.schema.alterTable('cases').addColumn(`sla_${target}_at`, big).execute();
    await db.schema.alterTable('cases').addColumn(`sla_${target}_minutes`, 'integer').execute();
    await db.schema.alterTable('cases').addColumn(`sla_${target}_met`, 'integer').execute();
  }
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on('cases').columns(columns).execute();
  await db.schema.alterTable('surveys').addColumn('account_id', big, (c) => c.references('accounts.id')).execute();
  await sql`update surveys set account_id = (select c.account_id from cases c where c.id = surveys.case_id)`.execute(db);
  await db.schema.createIndex('surveys_account_answered_idx').on('surveys').columns(['account_id', 'answered_at']).execute();
  await db.schema.createIndex('surveys_answered_idx').on('surveys').columns(['answered_at']).execute();
}
