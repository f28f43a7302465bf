import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, RegistrationState } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** A request with its account's name and the decider's name, as the request page shows it. */
function requestWithNames(executor: Executor) {
  return executor
    .selectFrom('registration_requests as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .leftJoin('people as d', 'd.id', 'r.decided_by')
    .selectAll('r')
    .select(['a.name as account_name', 'd.first_name as decider_first_name', 'd.last_name as decider_last_name']);
}

export function findRequestByNumber(executor: Executor, number: string) {
  return requestWithNames(executor).where('r.number', '=', number).executeTakeFirst();
}

export type RequestWithNames = NonNullable<Awaited<ReturnType<typeof findRequestByNumber>>>;

/**
 * Newest first, keyset-paginated on id; indexes registration_requests_account_idx and, with a state,
 * registration_requests_account_state_idx or registration_requests_state_idx.
 */
export function listRequests(executor: Executor, scope: { all: true } | { accountId: number }, filter: { state?: RegistrationState | undefined }, after: number | undefined, limit: number) {
  let query = requestWithNames(executor).orderBy('r.id', 'desc').limit(limit);
  if ('accountId' in scope) query = query.where('r.account_id', '=', scope.accountId);
  if (filter.state) query = query.where('r.state', '=', filter.state);
  if (after) query = query.where('r.id', '<', after);
  return query.execute();
}

export async function emailHasOpenRequest(executor: Executor, email: string): Promise<boolean> {
  const row = await executor.selectFrom('registration_requests').select('id').where('email', '=', email).where('state', '=', 'requested').executeTakeFirst();
  return row !== undefined;
}
