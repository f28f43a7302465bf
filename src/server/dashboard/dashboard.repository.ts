import { sql, type RawBuilder } from 'kysely';
import { median } from '../db/aggregates.ts';
import type { Db } from '../db/database.ts';
import type { DashboardScope } from './dashboard.policy.ts';
import type { Period, Week } from './dashboard.period.ts';
import { OPEN_STATES } from './dashboard.schemas.ts';

/** The scope as a condition on the cases' alias `c`, first in every filter so an account-led index serves it. */
const scopeCondition = (scope: DashboardScope): RawBuilder<unknown> => ('all' in scope ? sql`1 = 1` : sql`c.account_id = ${scope.accountId}`);

/** Open cases counted by state, priority and product together (one read of a covering index); the page adds them up each way. */
export function openCaseMix(db: Db, scope: DashboardScope) {
  let query = db
    .selectFrom('cases')
    .select((eb) => ['state', 'priority', 'product_id', eb.fn.countAll<number | string>().as('n')])
    .where('state', 'in', [...OPEN_STATES]);
  if (!('all' in scope)) query = query.where('account_id', '=', scope.accountId);
  return query.groupBy(['state', 'priority', 'product_id']).execute();
}

export function productNames(db: Db, ids: number[]) {
  return ids.length ? db.selectFrom('products').select(['id', 'name']).where('id', 'in', ids).execute() : Promise.resolve([]);
}

/**
 * The weeks as a table `w(i, s, e)` for one statement to read: their bounds are instants computed
 * in JavaScript from the viewer's zone (SQLite knows no IANA zone; a fixed offset would be wrong
 * across daylight saving). Literals, not parameters: PostgreSQL would type parameters in VALUES as
 * text; they are integers this module computed, never input.
 */
const weekTable = (weeks: Week[]) => sql`with w(i, s, e) as (values ${sql.join(weeks.map((week, index) => sql`(${sql.lit(index)}, ${sql.lit(week.start)}, ${sql.lit(week.end)})`))})`;

/** The rows of a per-week statement in the weeks' order (it may answer them in any). */
function inWeekOrder<T extends { i: number | string }>(weeks: Week[], rows: T[]): T[] {
  const result: T[] = new Array(weeks.length);
  for (const row of rows) result[Number(row.i)] = row;
  return result;
}

/**
 * Cases opened and cases closed (Closed, not Cancelled) in each week: a count of one index range
 * per week, `(account_id, created_at)` or `(created_at)` and likewise for `closed_at`, as scalar
 * subqueries (a join grouped by week made SQLite sort every case of the period).
 */
export async function casesPerWeek(db: Db, scope: DashboardScope, weeks: Week[]): Promise<Array<{ opened: number; closed: number }>> {
  const where = scopeCondition(scope);
  const { rows } = await sql<{ i: number | string; opened: number | string; closed: number | string }>`${weekTable(weeks)}
    select w.i,
      (select count(*) from cases c where ${where} and c.created_at >= w.s and c.created_at < w.e) as opened,
      (select count(*) from cases c where ${where} and c.closed_at >= w.s and c.closed_at < w.e and c.state = 'closed') as closed
    from w`.execute(db);
  return inWeekOrder(weeks, rows).map((row) => ({ opened: Number(row.opened), closed: Number(row.closed) }));
}

/**
 * Per priority, the cases whose first response (or resolution) came in the period under a target:
 * how many, how many in time, and the median business minutes, read from the range of one index.
 */
export function targetFiguresPerPriority(db: Db, scope: DashboardScope, period: Period, target: 'response' | 'resolution') {
  const at = `sla_${target}_at` as const;
  const minutes = `sla_${target}_minutes` as const;
  const met = `sla_${target}_met` as const;
  let query = db
    .selectFrom('cases')
    .select((eb) => ['priority', eb.fn.countAll<number | string>().as('reached'), eb.fn.sum<number | string | null>(met).as('met'), median(db, eb.ref(minutes)).as('median')])
    // Every priority named, so each one's range of the (priority, instant) index is read in turn.
    .where('priority', 'in', [1, 2, 3, 4])
    .where(at, '>=', period.start)
    .where(at, '<', period.end);
  if (!('all' in scope)) query = query.where('account_id', '=', scope.accountId);
  return query.groupBy('priority').execute();
}

/** Surveys answered in each week and their average overall satisfaction (the first question). */
export async function surveysPerWeek(db: Db, scope: DashboardScope, weeks: Week[]): Promise<Array<{ answered: number; average: number | null }>> {
  const where = 'all' in scope ? sql`1 = 1` : sql`s.account_id = ${scope.accountId}`;
  const { rows } = await sql<{ i: number | string; answered: number | string; average: number | string | null }>`${weekTable(weeks)}
    select w.i,
      (select count(*) from surveys s where ${where} and s.answered_at >= w.s and s.answered_at < w.e) as answered,
      (select avg(s.answer_1) from surveys s where ${where} and s.answered_at >= w.s and s.answered_at < w.e) as average
    from w`.execute(db);
  return inWeekOrder(weeks, rows).map((row) => ({ answered: Number(row.answered), average: row.average === null ? null : Number(row.average) }));
}

/** The latest survey comments answered in the period, newest first. */
export function latestSurveyComments(db: Db, scope: DashboardScope, period: Period, limit: number) {
  let query = db
    .selectFrom('surveys as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select(['c.number', 'a.name as account_name', 's.answered_at', 's.answer_1', 's.comment'])
    .where('s.answered_at', '>=', period.start)
    .where('s.answered_at', '<', period.end)
    .where('s.comment', 'is not', null);
  if (!('all' in scope)) query = query.where('s.account_id', '=', scope.accountId);
  return query.orderBy('s.answered_at', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
}
