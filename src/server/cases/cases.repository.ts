import { sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import { ACTIVITY_PAGE_SIZE } from '../../shared/reference.ts';
import type { Db } from '../db/database.ts';
import type { CaseState, Database } from '../db/schema.ts';
import { containsPattern, lowerLike } from '../db/text-match.ts';
import { runPrepared, type Arg } from '../db/prepared.ts';
import { foldForMatching } from '../knowledge/search-text.ts';
import { AppError } from '../lib/errors.ts';
import { OPEN_STATES } from './case-state-machine.ts';
import type { CasesQuery } from './cases.schemas.ts';

type Executor = Db | Transaction<Database>;

/** Whose cases a list may contain; every customer query carries one. */
export type CaseScope = { contactId: number } | { accountId: number } | { watcherId: number } | { all: true };

type CasesOnly = SelectQueryBuilder<Database & { c: Database['cases'] }, 'c', {}>;

/** Cases with what a list or a case page shows of them: names of account, contact, product and assignee. */
function baseCaseQuery(executor: Executor) {
  return withDetails(executor.selectFrom('cases as c'));
}

function withDetails(cases: CasesOnly) {
  return cases
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('people as p', 'p.id', 'c.contact_id')
    .leftJoin('products as pr', 'pr.id', 'c.product_id')
    .leftJoin('people as asg', 'asg.id', 'c.assignee_id')
    .select([
      'c.id',
      'c.number',
      'c.subject',
      'c.priority',
      'c.state',
      'c.account_id',
      'c.contact_id',
      'c.assignee_id',
      'c.updated_at',
      'c.created_at',
      'c.sla_due_at',
      'a.name as account_name',
      'p.first_name as contact_first_name',
      'p.last_name as contact_last_name',
      'pr.name as product_name',
      'asg.first_name as assignee_first_name',
      'asg.last_name as assignee_last_name',
    ]);
}

export type CaseListRow = Awaited<ReturnType<ReturnType<typeof baseCaseQuery>['execute']>>[number];

type Cursor = [sortValue: number, id: number, rank?: number];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length >= 2 && parsed.every((n) => Number.isSafeInteger(n))) return parsed as Cursor;
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'This page link is out of date. Go back to the first page.', 'errors.badCursor', 'cursor');
}

/** Page sizes the list reads (one more than the largest page each serves, to know if more follow). */
const FETCH_SIZES = [11, 26, 51, 101];

/**
 * One page of cases, keyset-paginated so page 50 costs what page 1 does: the cursor is the sort
 * value and id of the previous page's last row, and an index serves the order.
 *
 * The queue shows unassigned New cases first (rank 0), then the other open cases (rank 1). Each
 * rank is read on its own, in the page's order from an index, the second only when the first does
 * not fill the page: ordering by the rank itself sorted every open case at every page (the
 * benchmark's 133,000: 100 ms a page on SQLite, 125 ms on PostgreSQL; now 0.35 and ~2 ms).
 */
export async function listCases(executor: Executor, scope: CaseScope, query: CaseListFilters) {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const fetchLimit = fetchLimitFor(query);
  const rows: CasePageRow[] = [];
  if (!query.queue) rows.push(...(await readCases(executor, scope, query, cursor, fetchLimit, null, false)));
  else {
    const cursorRank = cursor?.[2] ?? 0;
    for (const rank of [0, 1] as const) {
      if (rank < cursorRank || rows.length >= fetchLimit) continue;
      rows.push(...(await readCases(executor, scope, query, rank === cursorRank ? cursor : null, fetchLimit, rank, false)));
    }
  }
  return pageOf(rows, query);
}

/**
 * A page of My Cases with how many cases its filters select, read by one statement: the count is a
 * subquery of the page's. On PostgreSQL a second statement was a second round trip on another
 * connection, a sixth of what a My Cases request cost the portal (bench:cases). A page past the
 * last row has no row to carry the count, so only then is it counted apart.
 */
export async function listCasesWithTotal(executor: Executor, scope: CaseScope, query: CaseListFilters) {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await readCases(executor, scope, query, cursor, fetchLimitFor(query), null, true);
  const first = rows[0];
  const total = first ? cappedTotal(Number(first.matching_total)) : cursor ? await countCases(executor, scope, query) : cappedTotal(0);
  return { ...pageOf(rows, query), ...total };
}

type CasePageRow = Awaited<ReturnType<typeof readCases>>[number];

/** Rows are fetched in a few fixed page sizes, so the literal LIMIT adds few shapes. */
const fetchLimitFor = (query: CaseListFilters) => FETCH_SIZES.find((size) => size > query.limit) ?? query.limit + 1;

function pageOf(rows: CasePageRow[], query: CaseListFilters) {
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const sortValue = (row: CasePageRow) => (query.sort === 'priority' ? row.priority : query.sort === 'number' ? row.id : query.sort === 'due' ? Number(row.sla_due_at) : row.updated_at);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor([sortValue(last), last.id, Number(last.queue_rank)]) : null,
  };
}

/** What a list asks for, with the updated-time range already in epoch milliseconds (from inclusive, to exclusive). */
export type CaseListFilters = CasesQuery & { viewerId: number; queue?: boolean; updatedFromMs?: number; updatedToMs?: number };

/** The arguments and the statement shape of a list's filters, shared by its pages and its count. */
function filterArgs(scope: CaseScope, query: CaseListFilters, rank: 0 | 1 | null) {
  const assignee = query.assignee === 'me' ? query.viewerId : query.assignee;
  // The queue holds open cases only, whatever `open` says.
  const openFilter = rank !== null ? 'open' : query.open;
  const args = {
    scopeId: 'contactId' in scope ? scope.contactId : 'accountId' in scope ? scope.accountId : 'watcherId' in scope ? scope.watcherId : 0,
    state: query.state ?? null,
    priority: query.priority ?? null,
    accountId: query.accountId ?? null,
    productId: query.productId ?? null,
    assigneeId: typeof assignee === 'number' ? assignee : null,
    pattern: query.q ? containsPattern(foldForMatching(query.q)) : null,
    updatedFrom: query.updatedFromMs ?? null,
    updatedTo: query.updatedToMs ?? null,
  };
  // Every choice that changes the SQL text is in the shape; every value is an argument.
  const shape = [
    'contactId' in scope ? 'contact' : 'accountId' in scope ? 'account' : 'watcherId' in scope ? 'watcher' : 'all',
    query.state ? 'state' : '',
    rank === null ? '' : `queue${rank}`,
    openFilter ?? '',
    query.priority ? 'priority' : '',
    query.accountId ? 'accountId' : '',
    query.productId ? 'productId' : '',
    query.assignee === 'none' ? 'unassigned' : args.assigneeId !== null ? 'assignee' : '',
    query.q ? 'text' : '',
    args.updatedFrom !== null ? 'from' : '',
    args.updatedTo !== null ? 'to' : '',
  ].join('|');
  return { args, shape, openFilter };
}

type FilterArgs = ReturnType<typeof filterArgs>['args'];

/**
 * The cases of the scope that pass the list's filters, as a query to page or count: of the cases
 * table alone, as every filter is on its columns, so a count reads one index and no joined row
 * (with the names joined, counting a big account's 20,000 cases took 21 ms on SQLite).
 */
function filteredCases(db: Executor, arg: Arg<FilterArgs>, scope: CaseScope, query: CaseListFilters, rank: 0 | 1 | null, openFilter: 'open' | 'closed' | undefined): CasesOnly {
  let q: CasesOnly = db.selectFrom('cases as c');
  if ('contactId' in scope) q = q.where('c.contact_id', '=', arg('scopeId') as number);
  else if ('accountId' in scope) q = q.where('c.account_id', '=', arg('scopeId') as number);
  // case_watchers_person_idx (person_id, case_id).
  else if ('watcherId' in scope) q = q.where('c.id', 'in', (eb) => eb.selectFrom('case_watchers').select('case_id').where('person_id', '=', arg('scopeId') as number));
  if (query.state) q = q.where('c.state', '=', arg('state') as CaseState);
  if (rank === 0) q = q.where('c.state', '=', 'new').where('c.assignee_id', 'is', null);
  else if (rank === 1) q = q.where((eb) => eb.or([eb('c.state', 'in', OPEN_STATES.filter((state) => state !== 'new')), eb.and([eb('c.state', '=', 'new'), eb('c.assignee_id', 'is not', null)])]));
  else if (openFilter === 'open') q = q.where('c.state', 'in', [...OPEN_STATES]);
  if (openFilter === 'closed') q = q.where('c.state', 'in', ['closed', 'cancelled']);
  if (query.priority) q = q.where('c.priority', '=', arg('priority') as number);
  if (query.accountId) q = q.where('c.account_id', '=', arg('accountId') as number);
  if (query.productId) q = q.where('c.product_id', '=', arg('productId') as number);
  if (query.assignee === 'none') q = q.where('c.assignee_id', 'is', null);
  else if (query.assignee !== undefined) q = q.where('c.assignee_id', '=', arg('assigneeId') as number);
  // Number and subject, folded when written, against the typed text folded the same way.
  if (query.q) q = q.where(sql<boolean>`${sql.ref('c.search_text')} like ${arg('pattern')} escape '\\'`);
  if (query.updatedFromMs !== undefined) q = q.where('c.updated_at', '>=', arg('updatedFrom') as number);
  if (query.updatedToMs !== undefined) q = q.where('c.updated_at', '<', arg('updatedTo') as number);
  return q;
}

/**
 * Counting stops past this many cases. A count reads an index entry per case: the benchmark's big
 * account (20,200 cases) cost 0.5 ms a page on SQLite, as much again as the page itself, which
 * halved how many pages a second its administrator's My Cases served; the queue would count every
 * open case of every account. "1,000+" tells a person as much as 20,200 would, for 0.03 ms.
 */
export const COUNT_LIMIT = 1_000;

/**
 * How many cases the list's filters select, on every page; the queue counts its open cases.
 * `totalCapped`: more than `total` (COUNT_LIMIT) match.
 */
export async function countCases(executor: Executor, scope: CaseScope, query: CaseListFilters): Promise<{ total: number; totalCapped: boolean }> {
  const { args, shape, openFilter } = filterArgs(scope, query, null);
  const queueOpen = query.queue ? 'open' : openFilter;
  const rows = await runPrepared(executor, `countCases|${shape}|${queueOpen ?? ''}`, args, (db, arg) => countMatching(db, arg, scope, query, queueOpen));
  return cappedTotal(Number(rows[0]?.total ?? 0));
}

/** How many of the list's cases there are, counted up to one past COUNT_LIMIT: a statement of its own, or a page's column. */
function countMatching(db: Executor, arg: Arg<FilterArgs>, scope: CaseScope, query: CaseListFilters, openFilter: 'open' | 'closed' | undefined) {
  const matching = filteredCases(db, arg, scope, query, null, openFilter).select(sql.lit(1).as('one')).limit(sql.lit(COUNT_LIMIT + 1)).as('matching');
  return db.selectFrom(matching).select((eb) => eb.fn.countAll<number>().as('total'));
}

const cappedTotal = (counted: number) => ({ total: Math.min(counted, COUNT_LIMIT), totalCapped: counted > COUNT_LIMIT });

/**
 * Cases of the scope and filters after the cursor, in the page's order; of one queue rank when
 * `rank` is given; with `withTotal`, each row carries how many cases the filters select (`matching_total`).
 */
async function readCases(executor: Executor, scope: CaseScope, query: CaseListFilters, cursor: Cursor | null, fetchLimit: number, rank: 0 | 1 | null, withTotal: boolean) {
  const descending = query.direction === 'desc';
  const { args, shape, openFilter } = filterArgs(scope, query, rank);
  const allArgs = { ...args, cursorValue: cursor?.[0] ?? null, cursorId: cursor?.[1] ?? null };
  const fullShape = ['listCases', shape, query.sort, query.direction, cursor ? 'cursor' : '', fetchLimit, withTotal ? 'total' : ''].join('|');

  return runPrepared(executor, fullShape, allArgs, (db, arg) => {
    let q = withDetails(filteredCases(db, arg, scope, query, rank, openFilter));

    // cases_sla_due_idx (sla_due_at, id desc) serves "breaches first": closed and paused cases sort
    // last, and among equal due times (above all the many cases with none) the newest case comes first.
    const sortColumn = query.sort === 'priority' ? 'c.priority' : query.sort === 'number' ? 'c.id' : query.sort === 'due' ? 'c.sla_due_at' : 'c.updated_at';
    const idDescending = query.sort === 'due' ? !descending : descending;
    if (cursor) {
      const value = arg('cursorValue') as number;
      const id = arg('cursorId') as number;
      q = q.where((eb) => {
        const cmp = descending ? '<' : '>';
        const cmpOrEqual = descending ? '<=' : '>=';
        // The leading `sort <= value` lets both databases seek the index instead of filtering rows.
        return sortColumn === 'c.id'
          ? eb('c.id', cmp, id)
          : eb.and([eb(sortColumn, cmpOrEqual, value), eb.or([eb(sortColumn, cmp, value), eb('c.id', idDescending ? '<' : '>', id)])]);
      });
    }
    if (sortColumn !== 'c.id') q = q.orderBy(sortColumn, descending ? 'desc' : 'asc');
    // A literal limit: SQLite plans a statement anew at every run when its LIMIT is a bound value.
    return q
      .orderBy('c.id', idDescending ? 'desc' : 'asc')
      .limit(sql.lit(fetchLimit))
      .select(sql.lit(rank ?? 1).as('queue_rank'))
      .$if(withTotal, (page) => page.select(countMatching(db, arg, scope, query, openFilter).as('matching_total')));
  });
}

/** The case behind a number with what its page shows; every request about a case starts here. */
export async function findCaseByNumber(executor: Executor, number: string) {
  const rows = await runPrepared(executor, 'findCaseByNumber', { number }, (db, arg) =>
    baseCaseQuery(db)
      .select(['c.type', 'c.description', 'c.product_id', 'c.follow_up_of', 'c.resolved_at', 'c.closed_at', 'c.reminder_sent_at', 'p.email as contact_email', 'p.language as contact_language'])
      .where('c.number', '=', arg('number')),
  );
  return rows[0];
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseByNumber>>>;

/** The numbers of the case's follow-ups, oldest first. */
export function followUpsQuery(executor: Executor, caseId: number) {
  return executor.selectFrom('cases').select('number').where('follow_up_of', '=', caseId).orderBy('id');
}

/** The viewer's own pending survey of the case (its contact's, once the case is closed). */
export function pendingSurveyQuery(executor: Executor, caseId: number, contactId: number | null) {
  return executor.selectFrom('surveys').select('id').where('case_id', '=', caseId).where('contact_id', '=', contactId).where('state', '=', 'pending').limit(1);
}

/** The time line, oldest first; work notes only when `includeInternal`. */
export function listActivities(executor: Executor, caseId: number, options: { includeInternal: boolean; after?: number }) {
  const shape = `listActivities|${options.includeInternal ? 'internal' : ''}|${options.after ? 'after' : ''}`;
  return runPrepared(executor, shape, { caseId, after: options.after ?? 0 }, (db, arg) => activitiesQuery(db, arg('caseId'), { includeInternal: options.includeInternal, after: options.after ? arg('after') : undefined }));
}

export function activitiesQuery(executor: Executor, caseId: number, options: { includeInternal: boolean; after?: number }) {
  let q = executor
    .selectFrom('case_activities as ca')
    .leftJoin('people as au', 'au.id', 'ca.author_id')
    .leftJoin('attachments as at', 'at.id', 'ca.attachment_id')
    .leftJoin('people as up', 'up.id', 'at.uploaded_by')
    .select([
      'ca.id',
      'ca.kind',
      'ca.body',
      'ca.internal',
      'ca.from_state',
      'ca.to_state',
      'ca.detail',
      'ca.created_at',
      'au.first_name as author_first_name',
      'au.last_name as author_last_name',
      'au.kind as author_kind',
      'at.id as attachment_id',
      'at.original_name as attachment_name',
      'at.size as attachment_size',
      'at.content_type as attachment_content_type',
      'at.created_at as attachment_created_at',
      'up.first_name as uploader_first_name',
      'up.last_name as uploader_last_name',
    ])
    .where('ca.case_id', '=', caseId)
    .orderBy('ca.id', 'asc');
  if (!options.includeInternal) q = q.where('ca.internal', '=', 0);
  if (options.after !== undefined) q = q.where('ca.id', '>', options.after);
  return q.limit(sql.lit(ACTIVITY_PAGE_SIZE));
}
export type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];

/** The case's attachments in the order they came; an attachment added with a work note only when `includeInternal`. */
export function caseAttachmentsQuery(executor: Executor, caseId: number, includeInternal: boolean) {
  let q = executor
    .selectFrom('attachments as at')
    .innerJoin('people as up', 'up.id', 'at.uploaded_by')
    .select(['at.id', 'at.original_name', 'at.size', 'at.content_type', 'at.created_at', 'up.first_name', 'up.last_name'])
    .where('at.case_id', '=', caseId)
    .orderBy('at.id');
  // An attachment added with a work note is as internal as the note.
  if (!includeInternal) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('case_activities as ca').select('ca.id').whereRef('ca.attachment_id', '=', 'at.id').where('ca.internal', '=', 1))),
    );
  }
  return q;
}

export type NewActivity = {
  caseId: number;
  kind: Database['case_activities']['kind'];
  authorId: number | null;
  body?: string;
  internal?: boolean;
  fromState?: CaseState | null;
  toState?: CaseState | null;
  attachmentId?: number | null;
  detail?: Record<string, unknown>;
  now: number;
};

export async function insertActivity(executor: Executor, activity: NewActivity): Promise<void> {
  await executor
    .insertInto('case_activities')
    .values({
      case_id: activity.caseId,
      kind: activity.kind,
      author_id: activity.authorId,
      body: activity.body ?? '',
      internal: activity.internal ? 1 : 0,
      from_state: activity.fromState ?? null,
      to_state: activity.toState ?? null,
      attachment_id: activity.attachmentId ?? null,
      detail: JSON.stringify(activity.detail ?? {}),
      created_at: activity.now,
    })
    .execute();
}

export function searchProducts(executor: Executor, text: string, limit: number, includeRetired = false) {
  let q = executor.selectFrom('products').select(['id', 'name', 'active']).orderBy('name').limit(limit);
  if (!includeRetired) q = q.where('active', '=', 1);
  if (text) q = q.where(lowerLike('name', containsPattern(text)));
  return q.execute();
}
