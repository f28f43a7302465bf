import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { staffWithRole } from '../accounts/accounts.repository.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, requireSession, viewerLanguage } from '../lib/http.ts';
import { personName } from '../../shared/names.ts';
import { caseListScope, isStaff, type CaseActor } from './cases.policy.ts';
import { groupActivities, presentActivity, presentCaseDetail, presentCaseSummary } from './cases.presenter.ts';
import { countCases, listActivities, listCases, listCasesWithTotal, searchProducts, type ActivityRow, type CaseListFilters } from './cases.repository.ts';
import { readCasePage } from './case-page.repository.ts';
import { csvHeader, csvRows } from './cases.export.ts';
import { clockOfCase } from '../sla/sla.clock.ts';
import { addWatcher, listWatchers, mayManageWatchers, removeWatcher, watcherCandidates } from './case-watchers.ts';
import type { Language } from '../db/schema.ts';
import { startOfDayIn } from '../lib/clock.ts';
import { Readable } from 'node:stream';
import {
  activityList,
  activityQuery,
  assignBody,
  caseDetail,
  caseDetailQuery,
  caseList,
  caseNumberParams,
  casesQuery,
  type CasesQuery,
  exportQuery,
  watchersView,
  watcherBody,
  watcherParams,
  closeBody,
  commentBody,
  createCaseBody,
  optionalCommentBody,
  priorityBody,
  productList,
  productsQuery,
  requiredCommentBody,
  solutionBody,
} from './cases.schemas.ts';
import {
  acceptSolution,
  addComment,
  assignCase,
  cancelCase,
  changePriority,
  closeByAgent,
  closeByCustomer,
  loadVisibleCase,
  type VisibleCase,
  openCase,
  proposeSolution,
  rejectSolution,
  requestInfo,
  startWork,
  type CaseDeps,
} from './cases.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** A list's query with the viewer, and its days as moments of the viewer's own time zone (the last day whole). */
function listFilters(actor: CaseActor, query: CasesQuery): CaseListFilters {
  const zone = actor.person.time_zone;
  return {
    ...query,
    viewerId: actor.person.id,
    updatedFromMs: query.updatedFrom ? startOfDayIn(query.updatedFrom, zone) : undefined,
    updatedToMs: query.updatedTo ? startOfDayIn(query.updatedTo, zone, 1) : undefined,
  };
}

export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const deps: CaseDeps = { db, publicUrl: config.publicUrl, autoCloseDays: config.autoCloseDays, kickMail: () => app.deps.kickMail(), replies: app.deps.replies };
  const tags = ['Cases'];
  const staffOnly = (actor: CaseActor) => {
    if (!isStaff(actor)) throw new AppError('forbidden', 'Only support staff can do this.', 'errors.forbidden');
  };

  app.get('/products', { schema: { tags, summary: 'Products whose name contains the text (Create Case)', querystring: productsQuery, response: { 200: productList, ...errors } } }, async (request) => {
    requireSession(request);
    const rows = await searchProducts(db, request.query.q, request.query.limit);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, active: r.active === 1 })) };
  });

  app.post('/cases', { schema: { tags, summary: 'Create Case', body: createCaseBody, response: { 201: z.object({ number: z.string() }), ...errors } } }, async (request, reply) => {
    const actor = await requireActor(request);
    return reply.status(201).send(await openCase(deps, actor, request.body, clock()));
  });

  app.get('/cases', { schema: { tags, summary: 'My Cases (or the account’s, or every case for staff), keyset-paginated, with how many match', querystring: casesQuery, response: { 200: caseList, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    const scope = caseListScope(actor, request.query.scope);
    const filters = listFilters(actor, request.query);
    const now = clock();
    const { items, nextCursor, total, totalCapped } = await listCasesWithTotal(db, scope, filters);
    const language = viewerLanguage(request, actor.person);
    return { items: items.map((row) => presentCaseSummary(row, language, now)), nextCursor, total, totalCapped };
  });

  app.get(
    '/cases/export',
    { schema: { tags, summary: 'My Cases as CSV (UTF-8 with a BOM, for Excel): every case the filters select, in the viewer’s language and time zone', querystring: exportQuery } },
    async (request, reply) => {
      const actor = await requireActor(request);
      const scope = caseListScope(actor, request.query.scope);
      const { language: asked, ...query } = request.query;
      const filters = listFilters(actor, { ...query, limit: 100 });
      // A download link cannot send the page's language as a header, so it may name it.
      const language = asked ?? viewerLanguage(request, actor.person);
      // Page by page through the same keyset list, so a large account's export never sits whole in memory.
      async function* csv() {
        yield csvHeader(language);
        for (let cursor: string | undefined; ; ) {
          const page = await listCases(db, scope, { ...filters, cursor });
          yield csvRows(page.items, language, actor.person.time_zone);
          if (!page.nextCursor) return;
          cursor = page.nextCursor;
        }
      }
      const day = new Intl.DateTimeFormat('sv-SE', { timeZone: actor.person.time_zone }).format(clock());
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="cases-${day}.csv"`)
        .send(Readable.from(csv()));
    },
  );

  app.get('/queue', { schema: { tags, summary: 'The agents’ queue: open cases of every account, unassigned New first', querystring: casesQuery, response: { 200: caseList, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    staffOnly(actor);
    const filters = { ...listFilters(actor, request.query), queue: true };
    const now = clock();
    const [{ items, nextCursor }, count] = await Promise.all([listCases(db, { all: true }, filters), countCases(db, { all: true }, filters)]);
    const language = viewerLanguage(request, actor.person);
    return { items: items.map((row) => presentCaseSummary(row, language, now)), nextCursor, ...count };
  });

  app.get('/agents', { schema: { tags, summary: 'Active agents, for "Assign to" (staff)', response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }), ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    staffOnly(actor);
    const language = viewerLanguage(request, actor.person);
    const rows = await staffWithRole(db, 'agent');
    return { items: rows.map((r) => ({ id: r.id, name: personName({ firstName: r.first_name, lastName: r.last_name }, language) })).sort((a, b) => a.name.localeCompare(b.name, language)) };
  });

  // Watchers (CC): colleagues of the account who follow a case (case-watchers.ts says who may do what).
  type WatcherRow = { id: number; first_name: string; last_name: string; email: string };
  const presentWatchers = (items: WatcherRow[], candidates: WatcherRow[], canManage: boolean, language: Language) => {
    const present = (rows: WatcherRow[]) => rows.map((row) => ({ id: Number(row.id), name: personName({ firstName: row.first_name, lastName: row.last_name }, language), email: row.email }));
    return { items: present(items), candidates: present(candidates), canManage };
  };
  const watchersOf = async (actor: CaseActor, kase: VisibleCase, language: Language) => {
    const canManage = mayManageWatchers(actor, kase);
    const [items, candidates] = await Promise.all([listWatchers(db, kase.id), canManage ? watcherCandidates(db, kase) : []]);
    return presentWatchers(items, candidates, canManage, language);
  };
  const presentActivities = (rows: ActivityRow[], language: Language) => ({ items: groupActivities(rows.map((row) => presentActivity(row, language))) });
  app.get('/cases/:number', { schema: { tags, summary: 'A case with its details; `with=activity` adds its Case Activity', params: caseNumberParams, querystring: caseDetailQuery, response: { 200: caseDetail, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    const kase = await loadVisibleCase(db, actor, request.params.number);
    const now = clock();
    const language = viewerLanguage(request, actor.person);
    const staff = isStaff(actor);
    // The case page shows customers its watchers: they come with the case rather than as a request of their own.
    const canManageWatchers = !staff && mayManageWatchers(actor, kase);
    const page = await readCasePage(db, kase, {
      includeInternal: staff,
      watchers: !staff,
      candidates: canManageWatchers,
      activity: request.query.with === 'activity',
      surveyOf: kase.state === 'closed' && kase.contact_id === actor.person.id ? actor.person.id : null,
    });
    const slaClock = await clockOfCase(db, kase, now, page.sla, page.history);
    return {
      ...presentCaseDetail(kase, actor, { ...page, clock: slaClock, now }, language),
      watchers: page.watchers && presentWatchers(page.watchers, page.candidates ?? [], canManageWatchers, language),
      activity: page.activity && presentActivities(page.activity, language),
    };
  });

  app.get(
    '/cases/:number/activity',
    { schema: { tags, summary: 'Case Activity, oldest first; `after` returns only newer entries (polling)', params: caseNumberParams, querystring: activityQuery, response: { 200: activityList, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      const kase = await loadVisibleCase(db, actor, request.params.number);
      return presentActivities(await listActivities(db, kase.id, { includeInternal: isStaff(actor), after: request.query.after }), viewerLanguage(request, actor.person));
    },
  );

  app.get('/cases/:number/watchers', { schema: { tags, summary: 'Who follows the case (CC), and whom the viewer may add', params: caseNumberParams, response: { 200: watchersView, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    return watchersOf(actor, await loadVisibleCase(db, actor, request.params.number), viewerLanguage(request, actor.person));
  });
  app.post('/cases/:number/watchers', { schema: { tags, summary: 'Add a colleague of the account as a watcher (CC)', params: caseNumberParams, body: watcherBody, response: { 200: watchersView, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    const kase = await loadVisibleCase(db, actor, request.params.number);
    await addWatcher(db, actor, kase, request.body.personId, { now: clock(), ip: request.ip });
    return watchersOf(actor, kase, viewerLanguage(request, actor.person));
  });
  app.delete('/cases/:number/watchers/:personId', { schema: { tags, summary: 'Stop a watcher (CC) following the case; a watcher may remove themselves', params: watcherParams, response: { 200: watchersView, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    const kase = await loadVisibleCase(db, actor, request.params.number);
    await removeWatcher(db, actor, kase, request.params.personId, { now: clock(), ip: request.ip });
    // A watcher who left sees the case no more.
    return request.params.personId === actor.person.id && kase.watcherOnly ? { items: [], candidates: [], canManage: false } : watchersOf(actor, kase, viewerLanguage(request, actor.person));
  });

  const ok = { 200: z.object({ number: z.string() }), ...errors };
  const action = <B extends z.ZodType>(path: string, summary: string, body: B | undefined, run: (actor: CaseActor, number: string, body: z.infer<B>) => Promise<void>) => {
    app.post(path, { schema: { tags, summary, params: caseNumberParams, ...(body ? { body } : {}), response: ok } }, async (request) => {
      const actor = await requireActor(request);
      const { number } = request.params as { number: string };
      await run(actor, number, request.body as z.infer<B>);
      return { number };
    });
  };

  action('/cases/:number/comments', 'Send a comment (staff: or a work note)', commentBody, (actor, number, body) => addComment(deps, actor, number, body, clock()));
  action('/cases/:number/accept', 'Accept Solution', undefined, (actor, number) => acceptSolution(deps, actor, number, clock()));
  action('/cases/:number/reject', 'Reject Solution (a comment is required)', requiredCommentBody, (actor, number, body) => rejectSolution(deps, actor, number, body.comment, clock()));
  action('/cases/:number/close', 'Close case: the contact closes it (comment optional), or an agent with closing notes (required)', closeBody, (actor, number, body) =>
    isStaff(actor) ? closeByAgent(deps, actor, number, body.notes || requiredNotes(), clock()) : closeByCustomer(deps, actor, number, body.comment, clock()),
  );
  action('/cases/:number/start', 'Start work (assigns the case to the agent)', undefined, (actor, number) => startWork(deps, actor, number, clock()));
  action('/cases/:number/assign', 'Assign to an agent, or unassign', assignBody, (actor, number, body) => assignCase(deps, actor, number, body.assigneeId, clock()));
  action('/cases/:number/request-info', 'Request info from the contact', optionalCommentBody, (actor, number, body) => requestInfo(deps, actor, number, body.comment, clock()));
  action('/cases/:number/propose-solution', 'Propose solution (Resolved)', solutionBody, (actor, number, body) => proposeSolution(deps, actor, number, body.solution, clock()));
  action('/cases/:number/cancel', 'Cancel case (opened by mistake)', optionalCommentBody, (actor, number, body) => cancelCase(deps, actor, number, body.comment, clock()));
  action('/cases/:number/priority', 'Change the priority', priorityBody, (actor, number, body) => changePriority(deps, actor, number, body.priority, clock()));
}

function requiredNotes(): never {
  throw new AppError('bad_request', 'Enter closing notes.', 'errors.closingNotesRequired', 'notes');
}
