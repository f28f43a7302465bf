import holidayJp from '@holiday-jp/holiday_jp';
import { DAY, MINUTE } from '../lib/clock.ts';

/**
 * One weekday's working window in minutes after local midnight. `end <= start` means the window
 * crosses midnight (22:00–06:00 is `{ start: 1320, end: 360 }`) and ends on the next day; such a
 * shift belongs to the day it starts on, so a holiday or closing day removes the shift that starts
 * on it and leaves the one that runs into it from the day before.
 */
export type WorkingWindow = { start: number; end: number };

/** What counts as business time: the vendor's one calendar. */
export type BusinessCalendar = {
  /** IANA time zone the hours and dates are read in (Asia/Tokyo). */
  timeZone: string;
  /** Sunday first, as Date#getUTCDay numbers them; null for a day with no work. */
  hours: readonly (WorkingWindow | null)[];
  /** Whether Japan's public holidays (from @holiday-jp/holiday_jp) are closed. */
  japaneseHolidays: boolean;
  /** The vendor's own closing days, `YYYY-MM-DD` in the calendar's time zone. */
  closedDates: readonly string[];
};

/** Weekdays 9:00–18:00 Tokyo time, Japanese holidays closed: what a Japanese vendor starts from. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  hours: [null, ...Array.from({ length: 5 }, () => ({ start: 9 * 60, end: 18 * 60 })), null],
  japaneseHolidays: true,
  closedDates: [],
};

/**
 * How far a search for business time looks before giving up: a calendar with no working day at all
 * cannot be saved (sla.schemas.ts), but closing dates could still cover a long stretch.
 */
const SEARCH_DAYS = 366 * 3;

const holidays = holidayJp.holidays as Record<string, unknown>;

const dayKey = (wallDay: number) => new Date(wallDay * DAY).toISOString().slice(0, 10);

/** Whether the local calendar day (days since 1970-01-01) is closed by a holiday or a closing date. */
function isClosedDay(calendar: BusinessCalendar, closed: ReadonlySet<string>, wallDay: number): boolean {
  const key = dayKey(wallDay);
  return closed.has(key) || (calendar.japaneseHolidays && Object.hasOwn(holidays, key));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `timeZone` at `instant`, as milliseconds of a UTC-read date. */
export function wallTime(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) + (((instant % 1000) + 1000) % 1000);
}

/**
 * The instant a wall-clock time in `timeZone` happens. The offset is taken twice since the offset
 * at the first guess may differ from the offset at the answer across a daylight-saving change.
 */
export function instantOf(wall: number, timeZone: string): number {
  const guess = wall - (wallTime(wall, timeZone) - wall);
  return wall - (wallTime(guess, timeZone) - guess);
}

/** Whether `timeZone` is an IANA name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The working intervals `[start, end)` (instants) of the shifts starting on each local day from
 * `fromDay`, in order, with overlaps merged (a night shift running past the next shift's start) so no time counts twice.
 */
function* workingIntervals(calendar: BusinessCalendar, fromDay: number, days: number): Generator<[number, number]> {
  const closed = new Set(calendar.closedDates);
  let pending: [number, number] | null = null;
  for (let day = fromDay; day < fromDay + days; day++) {
    const window = calendar.hours[new Date(day * DAY).getUTCDay()];
    if (!window || isClosedDay(calendar, closed, day)) continue;
    const wallStart = day * DAY + window.start * MINUTE;
    const wallEnd = day * DAY + window.end * MINUTE + (window.end <= window.start ? DAY : 0);
    const interval: [number, number] = [instantOf(wallStart, calendar.timeZone), instantOf(wallEnd, calendar.timeZone)];
    if (pending && interval[0] < pending[1]) {
      pending[1] = Math.max(pending[1], interval[1]);
      continue;
    }
    if (pending) yield pending;
    pending = interval;
  }
  if (pending) yield pending;
}

/** The local day before the one `instant` falls on, so a night shift begun the evening before is seen. */
const firstDayToLook = (instant: number, timeZone: string) => Math.floor(wallTime(instant, timeZone) / DAY) - 1;

/**
 * The instant by which `minutes` of business time have passed since `from`: the earliest `t` with
 * exactly that much working time in `[from, t)`. Throws if the calendar has none for years ahead.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: number, minutes: number): number {
  let left = minutes * MINUTE;
  if (left <= 0) return from;
  for (const [start, end] of workingIntervals(calendar, firstDayToLook(from, calendar.timeZone), SEARCH_DAYS)) {
    if (end <= from) continue;
    const begin = Math.max(start, from);
    if (end - begin >= left) return begin + left;
    left -= end - begin;
  }
  throw new Error('The business calendar has no working time in the next three years.');
}

/** The business time between two instants, in whole and fractional minutes; 0 when `to <= from`. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  const firstDay = firstDayToLook(from, calendar.timeZone);
  const days = Math.ceil((to - from) / DAY) + 3;
  for (const [start, end] of workingIntervals(calendar, firstDay, days)) {
    if (start >= to) break;
    if (end <= from) continue;
    total += Math.min(end, to) - Math.max(start, from);
  }
  return total / MINUTE;
}
