/** Milliseconds since the epoch. Injected so tests can move time instead of waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * The time as a background job reads it: the database's clock in production (databaseNow), so that
 * processes on several hosts agree; a Clock the test moves by hand in tests.
 */
export type JobClock = () => number | Promise<number>;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The UTC offset of `timeZone` at `moment`, in milliseconds (Tokyo: +9 h). */
function zoneOffset(moment: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(moment / 1000) * 1000;
}

/**
 * The moment a calendar day (`2026-12-06`, or the day `daysLater` after it) begins in `timeZone`,
 * so a date a person picks means their own day. Taken twice, as the offset at the guess may differ from the offset at the answer
 * across a daylight-saving change.
 */
export function startOfDayIn(day: string, timeZone: string, daysLater = 0): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date + daysLater);
  return wall - zoneOffset(wall - zoneOffset(wall, timeZone), timeZone);
}
