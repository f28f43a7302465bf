import { instantOf, wallTime } from '../sla/business-calendar.ts';

const DAY = 24 * 3600 * 1000;
/** The longest period the dashboard reads: two years and a leap day. */
export const MAX_PERIOD_DAYS = 731;
/** The period shown when none is asked for: the last 90 days up to today. */
export const DEFAULT_PERIOD_DAYS = 90;

/** A period as the viewer names it, in days of their own time zone, and the instants it covers `[start, end)`. */
export type Period = { from: string; to: string; timeZone: string; start: number; end: number };
/** One week of the period (Monday to Sunday in the viewer's zone), cut to the period at either end. */
export type Week = { weekStart: string; start: number; end: number };

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const midnight = (day: number, timeZone: string) => instantOf(day * DAY, timeZone);

/** Today's date where the viewer is. */
export const todayIn = (now: number, timeZone: string) => dateOf(Math.floor(wallTime(now, timeZone) / DAY));

/** The period from the first day's midnight to the midnight after the last day, in the viewer's zone. */
export function periodOf(from: string, to: string, timeZone: string): Period {
  return { from, to, timeZone, start: midnight(dayNumber(from), timeZone), end: midnight(dayNumber(to) + 1, timeZone) };
}

/** The default period: the last DEFAULT_PERIOD_DAYS days, today included. */
export function defaultPeriod(now: number, timeZone: string): { from: string; to: string } {
  const to = todayIn(now, timeZone);
  return { from: dateOf(dayNumber(to) - DEFAULT_PERIOD_DAYS + 1), to };
}

/** How many days the period spans, both ends included. */
export const periodDays = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

/**
 * The weeks the period touches, each starting on Monday at midnight in the viewer's zone (so a case
 * opened on Monday 00:30 in Tokyo counts in that week, though it was still Sunday in UTC), named
 * by that Monday's date.
 */
export function weeksOf(period: Period): Week[] {
  const first = dayNumber(period.from);
  // Day 0 (1970-01-01) was a Thursday: three days after a Monday.
  let monday = first - ((first + 3) % 7);
  const weeks: Week[] = [];
  for (; monday <= dayNumber(period.to); monday += 7) {
    weeks.push({ weekStart: dateOf(monday), start: Math.max(period.start, midnight(monday, period.timeZone)), end: Math.min(period.end, midnight(monday + 7, period.timeZone)) });
  }
  return weeks;
}
