import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, type BusinessCalendar } from './business-calendar.ts';
import { caseClock, nextDueAt, NO_DUE_TIME, type CaseHistory } from './case-clock.ts';

const HOUR = 3_600_000;
/** Every minute is business time, so the arithmetic below is plain hours. */
const always: BusinessCalendar = { timeZone: 'UTC', hours: Array.from({ length: 7 }, () => ({ start: 0, end: 0 })), japaneseHolidays: false, closedDates: [] };
const t0 = Date.parse('2026-12-07T00:00Z');
const at = (hours: number) => t0 + hours * HOUR;
const opened = (changes: CaseHistory['stateChanges'] = [], firstResponseAt: number | null = null): CaseHistory => ({ createdAt: t0, stateChanges: changes, firstResponseAt });
const targets = { firstResponseMinutes: 60, resolutionMinutes: 240 };

describe('The SLA clock of a case', () => {
  it('runs from the opening: an hour to answer, half an hour in, half an hour left', () => {
    const clock = caseClock(always, targets, opened(), at(0.5));
    expect(clock.firstResponse).toMatchObject({ status: 'running', dueAt: at(1), minutesLeft: 30 });
    expect(clock.resolution).toMatchObject({ status: 'running', dueAt: at(4), minutesLeft: 210 });
    expect(nextDueAt(clock)).toBe(at(1));
  });

  it('counts business hours only: opened Friday 17:30 in Tokyo, the first response falls due Monday 9:30', () => {
    const friday = Date.parse('2026-12-04T17:30+09:00');
    const clock = caseClock(DEFAULT_CALENDAR, targets, { createdAt: friday, stateChanges: [], firstResponseAt: null }, friday + HOUR);
    expect(clock.firstResponse).toMatchObject({ status: 'running', dueAt: Date.parse('2026-12-07T09:30+09:00') });
  });

  it('is breached once the due time passes without a reply', () => {
    expect(caseClock(always, targets, opened(), at(1.5)).firstResponse).toMatchObject({ status: 'breached', dueAt: at(1), minutesLeft: -30 });
  });

  it('is met by a reply in time and missed by a late one', () => {
    expect(caseClock(always, targets, opened([], at(0.75)), at(9)).firstResponse).toMatchObject({ status: 'met', reachedAt: at(0.75), dueAt: at(1) });
    expect(caseClock(always, targets, opened([], at(1.25)), at(9)).firstResponse).toMatchObject({ status: 'missed', reachedAt: at(1.25), dueAt: at(1) });
  });

  it('pauses while the case awaits the customer and resumes with what was left', () => {
    const history = opened([{ at: at(1), to: 'awaiting_info' }, { at: at(5), to: 'work_in_progress' }], at(0.5));
    const paused = caseClock(always, targets, { ...history, stateChanges: history.stateChanges.slice(0, 1) }, at(3));
    expect(paused.resolution).toMatchObject({ status: 'paused', dueAt: null, minutesLeft: 180 });
    expect(nextDueAt(paused)).toBe(NO_DUE_TIME);
    // One hour used before the pause, three left from 5:00.
    expect(caseClock(always, targets, history, at(6)).resolution).toMatchObject({ status: 'running', dueAt: at(8), minutesLeft: 120 });
  });

  it('is met when a solution is proposed in time, and runs again when the customer rejects it', () => {
    const resolved = opened([{ at: at(0.5), to: 'work_in_progress' }, { at: at(2), to: 'resolved' }], at(0.5));
    expect(caseClock(always, targets, resolved, at(20)).resolution).toMatchObject({ status: 'met', reachedAt: at(2), minutesLeft: 120 });
    const rejected = { ...resolved, stateChanges: [...resolved.stateChanges, { at: at(21), to: 'work_in_progress' as const }] };
    expect(caseClock(always, targets, rejected, at(22)).resolution).toMatchObject({ status: 'running', dueAt: at(23), minutesLeft: 60 });
  });

  it('stays breached through a pause that began after the due time', () => {
    const history = opened([{ at: at(2), to: 'awaiting_info' }], at(2));
    expect(caseClock(always, targets, history, at(3)).firstResponse).toMatchObject({ status: 'missed', dueAt: at(1) });
    const resolution = caseClock(always, { firstResponseMinutes: null, resolutionMinutes: 60 }, history, at(3)).resolution;
    expect(resolution).toMatchObject({ status: 'breached', dueAt: at(1) });
  });

  it('stops without meeting or missing the first response when the case closes unanswered in time', () => {
    expect(caseClock(always, targets, opened([{ at: at(0.5), to: 'cancelled' }]), at(9)).firstResponse).toMatchObject({ status: 'stopped' });
    expect(caseClock(always, targets, opened([{ at: at(3), to: 'closed' }]), at(9)).firstResponse).toMatchObject({ status: 'missed' });
  });

  it('has no clock for a target the vendor did not set', () => {
    const clock = caseClock(always, { firstResponseMinutes: null, resolutionMinutes: null }, opened(), at(1));
    expect(clock).toEqual({ firstResponse: null, resolution: null });
    expect(nextDueAt(clock)).toBe(NO_DUE_TIME);
  });
});

// Against a minute-by-minute walk of the case's history, on weekdays 9:00–18:00 in Tokyo (early
// December 2026 has no public holiday): a minute counts when it is business time and the case
// was neither waiting for the customer nor finished.
describe('The SLA clock against a minute-by-minute walk', () => {
  const MINUTE = 60_000;
  const isWorking = (at: number) => {
    const wall = new Date(at + 9 * HOUR);
    const day = wall.getUTCDay();
    const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    return day >= 1 && day <= 5 && minute >= 540 && minute < 1080;
  };
  const stateAt = (history: CaseHistory, at: number) => history.stateChanges.filter((c) => c.at <= at).at(-1)?.to ?? 'new';
  const runs = (history: CaseHistory, at: number) => !['awaiting_info', 'resolved', 'closed', 'cancelled'].includes(stateAt(history, at));

  it('falls due, pauses and resumes as the walk does', () => {
    const start = Date.parse('2026-12-01T00:00+09:00') / MINUTE;
    const states = ['work_in_progress', 'awaiting_info', 'resolved'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: start + 3 * 1440 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1200 }), fc.constantFrom(...states)), { maxLength: 4 }),
        fc.integer({ min: 1, max: 1200 }),
        fc.integer({ min: 0, max: 1500 }),
        (openedMinute, steps, target, after) => {
          const createdAt = openedMinute * MINUTE;
          let at = createdAt;
          const stateChanges = steps.map(([gap, to]) => ({ at: (at += gap * MINUTE), to }));
          const history: CaseHistory = { createdAt, stateChanges, firstResponseAt: null };
          const now = at + after * MINUTE;
          // The walk: the minute the target's business minutes run out while running, if before `now` or running at `now`.
          let used = 0;
          let due: number | null = null;
          for (let minute = createdAt; minute < now + 40 * 1440 * MINUTE && due === null; minute += MINUTE) {
            if (minute >= now && !runs(history, now)) break;
            if (runs(history, minute) && isWorking(minute) && ++used === target) due = minute + MINUTE;
          }
          // The first response target: no reply, so only the pauses stop it.
          const clock = caseClock(DEFAULT_CALENDAR, { firstResponseMinutes: target, resolutionMinutes: null }, history, now).firstResponse!;
          if (due !== null && due <= now) expect(clock).toMatchObject({ status: 'breached', dueAt: due });
          else if (runs(history, now)) expect(clock).toMatchObject({ status: 'running', dueAt: due });
          else expect(clock).toMatchObject({ status: 'paused', dueAt: null, minutesLeft: target - used });
        },
      ),
      { numRuns: 150 },
    );
  });
});
