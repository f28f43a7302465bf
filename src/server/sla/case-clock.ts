import type { CaseState } from '../db/schema.ts';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './business-calendar.ts';

/** States in which the case waits for the customer: the clock does not run. */
const PAUSED: ReadonlySet<CaseState> = new Set(['awaiting_info', 'resolved']);
/** States after which nothing more is owed. */
const FINAL: ReadonlySet<CaseState> = new Set(['closed', 'cancelled']);
/** States that end the work the resolution target measures (a rejected solution starts it again). */
const RESOLVING: ReadonlySet<CaseState> = new Set(['resolved', 'closed', 'cancelled']);

/** What a case's history says about its clock: when it opened, its state changes, its first public staff reply. */
export type CaseHistory = {
  createdAt: number;
  /** In time order; the case was New before the first. */
  stateChanges: readonly { at: number; to: CaseState }[];
  firstResponseAt: number | null;
};

/**
 * - running: the clock runs and the due time is ahead
 * - paused: the case waits for the customer and the target was not passed before it did
 * - breached: the due time passed and the target was not met (the case is still owed it)
 * - met / missed: the target was reached, in time or late
 * - stopped: the case ended before the target was reached, in time (a case closed without a reply)
 */
export type TargetStatus = 'running' | 'paused' | 'breached' | 'met' | 'missed' | 'stopped';

export type TargetClock = {
  /** Business minutes the target allows. */
  minutes: number;
  status: TargetStatus;
  /**
   * When the target falls due: ahead while running, passed once breached; for met and missed, when it
   * fell due for the case as it ran. Null while paused (it is not known when the customer answers).
   */
  dueAt: number | null;
  /** When the target was reached (the first reply, the solution or the close), if it was. */
  reachedAt: number | null;
  /** Business minutes left before the due time, negative once passed; for met and missed, what was left when reached. */
  minutesLeft: number;
};

type Segment = { from: number; to: number; running: boolean };

/** The history as stretches of time, each running or paused, up to `end` (the last one open to infinity). */
function segments(history: CaseHistory): Segment[] {
  const result: Segment[] = [];
  let from = history.createdAt;
  let state: CaseState = 'new';
  for (const change of history.stateChanges) {
    result.push({ from, to: change.at, running: !PAUSED.has(state) && !FINAL.has(state) });
    from = change.at;
    state = change.to;
  }
  result.push({ from, to: Infinity, running: !PAUSED.has(state) && !FINAL.has(state) });
  return result;
}

/**
 * One target's clock: how much running business time the case used until `stop` (when the target was
 * reached or the case ended) or until `now`, and when it falls due.
 */
function targetClock(calendar: BusinessCalendar, parts: Segment[], minutes: number, stop: { at: number; reached: boolean } | null, now: number): TargetClock {
  const end = stop ? stop.at : now;
  let used = 0;
  let dueAt: number | null = null;
  for (const part of parts) {
    if (stop && part.from >= stop.at) break;
    if (!part.running) continue;
    // The first running stretch in which the minutes run out holds the due time (the open last one always does).
    if (dueAt === null) {
      const due = addBusinessMinutes(calendar, part.from, minutes - used);
      if (due <= part.to) dueAt = due;
    }
    used += businessMinutesBetween(calendar, part.from, Math.min(part.to, end));
  }
  const left = minutes - used;
  if (stop) {
    // A target met while the clock was paused (a reply while Awaiting Info) falls due when it would have.
    const due = dueAt ?? (left > 0 ? addBusinessMinutes(calendar, stop.at, left) : stop.at);
    if (stop.reached) return { minutes, status: left >= 0 ? 'met' : 'missed', dueAt: due, reachedAt: stop.at, minutesLeft: left };
    return { minutes, status: left >= 0 ? 'stopped' : 'missed', dueAt: due, reachedAt: null, minutesLeft: left };
  }
  if (dueAt !== null && dueAt <= now) return { minutes, status: 'breached', dueAt, reachedAt: null, minutesLeft: left };
  if (!parts.find((part) => part.from <= now && now < part.to)?.running) return { minutes, status: 'paused', dueAt: null, reachedAt: null, minutesLeft: left };
  return { minutes, status: 'running', dueAt, reachedAt: null, minutesLeft: left };
}

export type CaseClock = { firstResponse: TargetClock | null; resolution: TargetClock | null };

/** Service targets of one priority, in business minutes; null where the vendor sets none. */
export type PriorityTargets = { firstResponseMinutes: number | null; resolutionMinutes: number | null };

/**
 * The SLA clock of a case at `now`, from its history alone, so a changed priority, target or calendar
 * gives the due times the case would have had from the start.
 */
export function caseClock(calendar: BusinessCalendar, targets: PriorityTargets, history: CaseHistory, now: number): CaseClock {
  const parts = segments(history);
  const last = history.stateChanges.at(-1);
  const ended = last && FINAL.has(last.to) ? last.at : null;

  let firstResponse: TargetClock | null = null;
  if (targets.firstResponseMinutes !== null) {
    const reply = history.firstResponseAt;
    const stop = reply !== null && (ended === null || reply <= ended) ? { at: reply, reached: true } : ended !== null ? { at: ended, reached: false } : null;
    firstResponse = targetClock(calendar, parts, targets.firstResponseMinutes, stop, now);
  }

  let resolution: TargetClock | null = null;
  if (targets.resolutionMinutes !== null) {
    // Reached when the case last entered Resolved, Closed or Cancelled, if it is still there.
    let stop: { at: number; reached: boolean } | null = null;
    for (let i = history.stateChanges.length - 1; i >= 0 && RESOLVING.has(history.stateChanges[i]!.to); i--) stop = { at: history.stateChanges[i]!.at, reached: history.stateChanges.at(-1)!.to !== 'cancelled' };
    resolution = targetClock(calendar, parts, targets.resolutionMinutes, stop, now);
  }
  return { firstResponse, resolution };
}

/** Far beyond any due time: the sort key of a case no running clock is due for, so it lists last in both databases. */
export const NO_DUE_TIME = 8_640_000_000_000_000;

/**
 * The instant the Queue sorts by and the warning job reads: the earliest due time of a target still
 * owed (running or breached), else NO_DUE_TIME.
 */
export function nextDueAt(clock: CaseClock): number {
  const owed = [clock.firstResponse, clock.resolution].filter((t) => t && (t.status === 'running' || t.status === 'breached')).map((t) => t!.dueAt!);
  return owed.length ? Math.min(...owed) : NO_DUE_TIME;
}
