import type { Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/**
 * Issue 21 part 2, the account's dashboard. Each case keeps, once reached, when its first response
 * and its resolution came, the business minutes its clock had used by then and whether that met
 * the target (1) or not (0), so medians and met shares over a period are one indexed read, not a
 * replay of 200,000 histories. Written by the SLA clock where a target applies; nothing is
 * back-filled (the clock's code is live, a migration is frozen), so cases that reached a target
 * before this migration count from their next event on.
 *
 * Indexes: each figure reads one range of one index per scope, an account's (led by account_id)
 * or every account's (led by the instant). The open cases' counts read a covering index.
 */
const INDEXES: Array<[name: string, columns: string[]]> = [
  ['cases_account_open_mix_idx', ['account_id', 'state', 'priority', 'product_id']],
  ['cases_open_mix_idx', ['state', 'priority', 'product_id']],
  ['cases_account_created_idx', ['account_id', 'created_at']],
  ['cases_created_idx', ['created_at']],
  ['cases_account_closed_idx', ['account_id', 'closed_at', 'state']],
  ['cases_closed_idx', ['closed_at', 'state']],
  ['cases_account_response_idx', ['account_id', 'sla_response_at', 'priority', 'sla_response_minutes', 'sla_response_met']],
  ['cases_response_idx', ['sla_response_at', 'priority', 'sla_response_minutes', 'sla_response_met']],
  ['cases_account_resolution_idx', ['account_id', 'sla_resolution_at', 'priority', 'sla_resolution_minutes', 'sla_resolution_met']],
  ['cases_resolution_idx', ['sla_resolution_at', 'priority', 'sla_resolution_minutes', 'sla_resolution_met']],
];

export async function up(db: Kysely<any>): Promise<void> {
  const big = bigIntType(db);
  for (const target of ['response', 'resolution']) {
    await db.schema.alterTable('cases').addColumn(`sla_${target}_at`, big).execute();
    await db.schema.alterTable('cases').addColumn(`sla_${target}_minutes`, 'integer').execute();
    await db.schema.alterTable('cases').addColumn(`sla_${target}_met`, 'integer').execute();
  }
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on('cases').columns(columns).execute();
  await db.schema.createIndex('surveys_answered_idx').on('surveys').columns(['answered_at']).execute();
}
