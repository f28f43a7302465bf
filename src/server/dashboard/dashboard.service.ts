import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import type { Actor } from '../lib/http.ts';
import { readSlaSettings, targetsOf } from '../sla/sla.settings.ts';
import { dashboardScope } from './dashboard.policy.ts';
import { defaultPeriod, periodOf, weeksOf } from './dashboard.period.ts';
import { casesPerWeek, latestSurveyComments, openCaseMix, productNames, surveysPerWeek, targetFiguresPerPriority } from './dashboard.repository.ts';
import { OPEN_STATES, type DashboardQuery, type DashboardView } from './dashboard.schemas.ts';

const PRIORITIES = [1, 2, 3, 4];
const LATEST_COMMENTS = 5;

/** Adds up rows by one key, in the order `keys` gives (every key present, zero where none). */
function totals<K>(rows: Array<{ key: K; n: number }>, keys: readonly K[]): Array<{ key: K; count: number }> {
  return keys.map((key) => ({ key, count: rows.filter((row) => row.key === key).reduce((sum, row) => sum + row.n, 0) }));
}

/**
 * The account's dashboard over a period of the viewer's days: open cases now, cases opened and
 * closed per week, first response and resolution against the targets, and the surveys.
 */
export async function readDashboard({ db, actor, query, now }: { db: Db; actor: Actor; query: DashboardQuery; now: number }): Promise<DashboardView> {
  const scope = dashboardScope(actor, query.account);
  const account = 'all' in scope ? null : await db.selectFrom('accounts').select(['id', 'name']).where('id', '=', scope.accountId).executeTakeFirst();
  if (account === undefined) throw new AppError('not_found', 'This account was not found.', 'errors.notFound');

  const timeZone = actor.person.time_zone;
  const days = query.from && query.to ? { from: query.from, to: query.to } : defaultPeriod(now, timeZone);
  const period = periodOf(days.from, days.to, timeZone);
  const weeks = weeksOf(period);

  const [mix, perWeek, responses, resolutions, surveyWeeks, comments, sla] = await Promise.all([
    openCaseMix(db, scope),
    casesPerWeek(db, scope, weeks),
    targetFiguresPerPriority(db, scope, period, 'response'),
    targetFiguresPerPriority(db, scope, period, 'resolution'),
    surveysPerWeek(db, scope, weeks),
    latestSurveyComments(db, scope, period, LATEST_COMMENTS),
    readSlaSettings(db),
  ]);

  const open = mix.map((row) => ({ state: row.state, priority: row.priority, productId: row.product_id, n: Number(row.n) }));
  const productIds = [...new Set(open.map((row) => row.productId))];
  const names = new Map((await productNames(db, productIds.filter((id): id is number => id !== null))).map((p) => [p.id, p.name]));
  const byProduct = totals(open.map((row) => ({ key: row.productId, n: row.n })), productIds)
    .map(({ key, count }) => ({ productId: key, productName: key === null ? null : (names.get(key) ?? null), count }))
    .sort((a, b) => b.count - a.count || (a.productName ?? '').localeCompare(b.productName ?? ''));

  const figures = (rows: typeof responses, priority: number, targetMinutes: number | null) => {
    const row = rows.find((r) => r.priority === priority);
    return { targetMinutes, reached: Number(row?.reached ?? 0), met: Number(row?.met ?? 0), medianMinutes: row?.median === null || row?.median === undefined ? null : Number(row.median) };
  };

  return {
    account,
    period: { from: period.from, to: period.to, timeZone },
    openCases: {
      total: open.reduce((sum, row) => sum + row.n, 0),
      byState: totals(open.map((row) => ({ key: row.state, n: row.n })), OPEN_STATES).map(({ key, count }) => ({ state: key as (typeof OPEN_STATES)[number], count })),
      byPriority: totals(open.map((row) => ({ key: row.priority, n: row.n })), PRIORITIES).map(({ key, count }) => ({ priority: key, count })),
      byProduct,
    },
    weeks: weeks.map((week, index) => ({ weekStart: week.weekStart, ...perWeek[index]! })),
    targets: PRIORITIES.map((priority) => {
      const target = targetsOf(sla, priority);
      return { priority, firstResponse: figures(responses, priority, target.firstResponseMinutes), resolution: figures(resolutions, priority, target.resolutionMinutes) };
    }),
    surveys: {
      weeks: weeks.map((week, index) => ({ weekStart: week.weekStart, answered: surveyWeeks[index]!.answered, averageSatisfaction: surveyWeeks[index]!.average })),
      latestComments: comments.map((row) => ({ caseNumber: row.number, accountName: row.account_name, answeredAt: Number(row.answered_at), satisfaction: row.answer_1, comment: row.comment ?? '' })),
    },
  };
}
