import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { AuditType } from '../lib/audit.ts';

type Executor = Db | Transaction<Database>;

export type AuditFilter = {
  type?: AuditType;
  email?: string;
  /** The person whose address `email` is, when there is one. */
  personId?: number;
  accountId?: number;
  from?: number;
  to?: number;
  after?: { at: number; id: number };
  limit: number;
};

/**
 * Audit events newest first, keyset-paginated on (at, id). Each filter has an index ending in
 * (at, id) (migration 0007), so the database seeks rather than filters.
 */
export function auditEventsQuery(executor: Executor, filter: AuditFilter) {
  let q = executor
    .selectFrom('audit_events as e')
    .leftJoin('people as actor', 'actor.id', 'e.actor_id')
    .leftJoin('people as person', 'person.id', 'e.person_id')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select([
      'e.id',
      'e.at',
      'e.type',
      'e.email',
      'e.ip',
      'e.detail',
      'actor.first_name as actor_first_name',
      'actor.last_name as actor_last_name',
      'actor.email as actor_email',
      'person.first_name as person_first_name',
      'person.last_name as person_last_name',
      'person.email as person_email',
      'a.name as account_name',
      'a.customer_identifier as account_identifier',
    ]);
  if (filter.type) q = q.where('e.type', '=', filter.type);
  if (filter.accountId !== undefined) q = q.where('e.account_id', '=', filter.accountId);
  if (filter.email !== undefined) {
    const { email, personId } = filter;
    q = q.where((eb) => eb.or([eb('e.email', '=', email), ...(personId !== undefined ? [eb('e.person_id', '=', personId), eb('e.actor_id', '=', personId)] : [])]));
  }
  if (filter.from !== undefined) q = q.where('e.at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('e.at', '<', filter.to);
  if (filter.after) {
    const { at, id } = filter.after;
    // The leading `at <= value` lets both databases seek the index instead of filtering rows.
    q = q.where((eb) => eb.and([eb('e.at', '<=', at), eb.or([eb('e.at', '<', at), eb('e.id', '<', id)])]));
  }
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(filter.limit);
}

export function listAuditEvents(executor: Executor, filter: AuditFilter) {
  return auditEventsQuery(executor, filter).execute();
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

export function personIdByEmail(executor: Executor, email: string) {
  return executor.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst();
}

export function accountIdByIdentifier(executor: Executor, customerIdentifier: string) {
  return executor.selectFrom('accounts').select('id').where('customer_identifier', '=', customerIdentifier).executeTakeFirst();
}
