import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CaseState, Database } from '../db/schema.ts';
import { caseClock, nextDueAt, type CaseClock, type CaseHistory, type TargetClock } from './case-clock.ts';
import { readSlaSettings, targetsOf, type SlaSettings } from './sla.settings.ts';

type Executor = Db | Transaction<Database>;

/** The case's state changes in time order, as its clock reads them. */
export function stateChangesQuery(executor: Executor, caseId: number) {
  return executor.selectFrom('case_activities').select(['created_at', 'to_state']).where('case_id', '=', caseId).where('kind', '=', 'state_change').orderBy('created_at').orderBy('id');
}

/** When the vendor's staff first answered: a comment the customer can read (a reply, a request for information, a solution). */
export function firstStaffReplyQuery(executor: Executor, caseId: number) {
  return executor
    .selectFrom('case_activities as a')
    .innerJoin('people as p', 'p.id', 'a.author_id')
    .select((eb) => eb.fn.min('a.created_at').as('at'))
    .where('a.case_id', '=', caseId)
    .where('a.kind', '=', 'comment')
    .where('a.internal', '=', 0)
    .where('p.kind', '=', 'staff');
}

/** A case's history from what the two queries above answer. */
export function caseHistory(createdAt: number, changes: ReadonlyArray<{ created_at: number; to_state: CaseState | null }>, firstReplyAt: number | string | null | undefined): CaseHistory {
  return {
    createdAt,
    stateChanges: changes.filter((c) => c.to_state !== null).map((c) => ({ at: c.created_at, to: c.to_state! })),
    firstResponseAt: firstReplyAt === null || firstReplyAt === undefined ? null : Number(firstReplyAt),
  };
}

/** What a case's clock is computed from: its opening, state changes and first public staff reply. */
export async function readCaseHistory(executor: Executor, kase: { id: number; created_at: number }): Promise<CaseHistory> {
  const changes = await stateChangesQuery(executor, kase.id).execute();
  const reply = await firstStaffReplyQuery(executor, kase.id).executeTakeFirst();
  return caseHistory(kase.created_at, changes, reply?.at);
}

/** The case's clock at `now` under the SLA in force (read when not given), from its history (read when not given). */
export async function clockOfCase(executor: Executor, kase: { id: number; priority: number; created_at: number }, now: number, settings?: SlaSettings, history?: CaseHistory): Promise<CaseClock> {
  const sla = settings ?? (await readSlaSettings(executor));
  // Most installations set no target for some priorities: their cases need no history read at every event.
  const targets = targetsOf(sla, kase.priority);
  if (targets.firstResponseMinutes === null && targets.resolutionMinutes === null) return { firstResponse: null, resolution: null };
  return caseClock(sla.calendar, targets, history ?? (await readCaseHistory(executor, kase)), now);
}

const STORED = [
  'sla_response_due_at',
  'sla_resolution_due_at',
  'sla_due_at',
  'sla_response_at',
  'sla_response_minutes',
  'sla_response_met',
  'sla_resolution_at',
  'sla_resolution_minutes',
  'sla_resolution_met',
] as const;

/** PostgreSQL may answer a bigint as a string: compare as numbers, null apart. */
const same = (stored: number | string | null, next: number | null) => (stored === null || next === null ? stored === next : Number(stored) === next);

/**
 * A target reached (met or missed, with the instant it was reached) as the dashboard reads it: when,
 * after how many business minutes of running clock, and whether in time. A case that ended without
 * reaching it (closed unanswered, cancelled) has none.
 */
function reached(target: TargetClock | null): { at: number | null; minutes: number | null; met: number | null } {
  if (!target || target.reachedAt === null || (target.status !== 'met' && target.status !== 'missed')) return { at: null, minutes: null, met: null };
  return { at: target.reachedAt, minutes: target.minutes - target.minutesLeft, met: target.status === 'met' ? 1 : 0 };
}

/** Why due times were computed again, as the activity tells the case's readers. */
export type RecomputeReason = 'priority' | 'targets';

/**
 * Stores the due times the case's history gives now, after any event that may change them (inside
 * the event's transaction). With a `reason` and due times that changed, the activity says so.
 * Returns whether they changed.
 */
export async function recomputeCaseClock(trx: Executor, caseId: number, now: number, options: { reason?: RecomputeReason; settings?: SlaSettings } = {}): Promise<boolean> {
  const stored = await trx.selectFrom('cases').select(['priority', 'created_at', ...STORED]).where('id', '=', caseId).executeTakeFirstOrThrow();
  const clock = await clockOfCase(trx, { id: caseId, priority: stored.priority, created_at: stored.created_at }, now, options.settings);
  const owed = (target: CaseClock['firstResponse']) => (target && (target.status === 'running' || target.status === 'breached') ? target.dueAt : null);
  const response = reached(clock.firstResponse);
  const resolution = reached(clock.resolution);
  const next = {
    sla_response_due_at: owed(clock.firstResponse),
    sla_resolution_due_at: owed(clock.resolution),
    sla_due_at: nextDueAt(clock),
    sla_response_at: response.at,
    sla_response_minutes: response.minutes,
    sla_response_met: response.met,
    sla_resolution_at: resolution.at,
    sla_resolution_minutes: resolution.minutes,
    sla_resolution_met: resolution.met,
  };
  const dueChanged = (['sla_response_due_at', 'sla_resolution_due_at', 'sla_due_at'] as const).some((column) => !same(stored[column], next[column]));
  if (!dueChanged && STORED.every((column) => same(stored[column], next[column]))) return false;
  await trx.updateTable('cases').set(next).where('id', '=', caseId).execute();
  // What was reached feeds the dashboard only; the activity and the answer speak of due times.
  if (!dueChanged) return false;
  if (options.reason) {
    await trx
      .insertInto('case_activities')
      .values({
        case_id: caseId,
        kind: 'sla_recomputed',
        author_id: null,
        body: '',
        internal: 0,
        from_state: null,
        to_state: null,
        attachment_id: null,
        detail: JSON.stringify({ reason: options.reason, firstResponseDueAt: next.sla_response_due_at, resolutionDueAt: next.sla_resolution_due_at }),
        created_at: now,
      })
      .execute();
  }
  return true;
}
