import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, DEFAULT_CALENDAR, type BusinessCalendar, type WorkingWindow } from './business-calendar.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A Tokyo wall-clock time as an instant (Tokyo has no daylight saving: always UTC+9). */
const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);
const nights: BusinessCalendar = { ...DEFAULT_CALENDAR, hours: [null, ...Array.from({ length: 5 }, () => ({ start: 22 * 60, end: 6 * 60 })), null] };

describe('Adding business minutes', () => {
  it('skips the weekend: Friday 17:30 plus an hour is Monday 9:30', () => {
    expect(addBusinessMinutes(DEFAULT_CALENDAR, tokyo('2026-12-04T17:30'), 60)).toBe(tokyo('2026-12-07T09:30'));
  });

  it('skips Golden Week: Friday 1 May 17:00 plus two hours is Thursday 7 May 10:00', () => {
    expect(addBusinessMinutes(DEFAULT_CALENDAR, tokyo('2026-05-01T17:00'), 120)).toBe(tokyo('2026-05-07T10:00'));
  });

  it('counts a public holiday when the calendar does not close them', () => {
    expect(addBusinessMinutes({ ...DEFAULT_CALENDAR, japaneseHolidays: false }, tokyo('2026-05-01T17:00'), 120)).toBe(tokyo('2026-05-04T10:00'));
  });

  it("skips the vendor's year-end closing days into the new year", () => {
    const yearEnd = { ...DEFAULT_CALENDAR, closedDates: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-02', '2027-01-03'] };
    expect(addBusinessMinutes(yearEnd, tokyo('2026-12-28T17:00'), 120)).toBe(tokyo('2027-01-04T10:00'));
  });

  it('starts counting at opening time when the clock starts at night', () => {
    expect(addBusinessMinutes(DEFAULT_CALENDAR, tokyo('2026-12-07T02:00'), 30)).toBe(tokyo('2026-12-07T09:30'));
  });

  it("counts a night shift past midnight into a day that has no shift of its own (Friday 22:00 to Saturday 6:00)", () => {
    expect(addBusinessMinutes(nights, tokyo('2026-12-04T23:00'), 480)).toBe(tokyo('2026-12-07T23:00'));
  });

  it('reads the working hours in the calendar time zone', () => {
    const newYork = { ...DEFAULT_CALENDAR, timeZone: 'America/New_York', japaneseHolidays: false };
    // Monday 7 December 2026, 9:00 in New York is 14:00 UTC (EST, UTC−5).
    expect(addBusinessMinutes(newYork, Date.parse('2026-12-07T12:00Z'), 60)).toBe(Date.parse('2026-12-07T15:00Z'));
  });
});

describe('Business minutes between two instants', () => {
  it('is the working time between them, nothing on a holiday', () => {
    expect(businessMinutesBetween(DEFAULT_CALENDAR, tokyo('2026-12-04T17:00'), tokyo('2026-12-07T10:00'))).toBe(120);
    expect(businessMinutesBetween(DEFAULT_CALENDAR, tokyo('2026-11-03T08:00'), tokyo('2026-11-03T20:00'))).toBe(0);
    expect(businessMinutesBetween(DEFAULT_CALENDAR, tokyo('2026-12-07T10:00'), tokyo('2026-12-07T09:00'))).toBe(0);
  });

  it("closes the night shift that starts on a holiday, not the one running into it", () => {
    // Monday 23 November 2026 is Labour Thanksgiving Day: Sunday has no shift, Monday's is closed.
    expect(businessMinutesBetween(nights, tokyo('2026-11-23T00:00'), tokyo('2026-11-24T12:00'))).toBe(0);
    // Tuesday's shift runs into Wednesday morning.
    expect(businessMinutesBetween(nights, tokyo('2026-11-24T12:00'), tokyo('2026-11-25T12:00'))).toBe(480);
  });
});

// A minute-by-minute reference: each minute is business time if its wall-clock minute lies in the
// window of the day it falls on, or in a night shift begun the day before, neither day being closed.
const holidayDays = new Set(['2026-01-01', '2026-01-12', '2026-04-29', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06', '2027-01-01', '2027-01-11']);
const offsets = new Map<string, number>();
const dayKeys = new Map<number, string>();
function offsetAt(instant: number, timeZone: string): number {
  const key = timeZone + Math.floor(instant / (60 * MINUTE));
  let offset = offsets.get(key);
  if (offset === undefined) {
    const text = new Date(instant).toLocaleString('sv-SE', { timeZone });
    offset = Date.parse(`${text.replace(' ', 'T')}Z`) - Math.floor(instant / 1000) * 1000;
    offsets.set(key, offset);
  }
  return offset;
}
function isBusinessMinute(calendar: BusinessCalendar, instant: number): boolean {
  const wall = instant + offsetAt(instant, calendar.timeZone);
  const day = Math.floor(wall / DAY);
  const minute = (wall - day * DAY) / MINUTE;
  const closed = (d: number) => {
    const key = dayKeys.get(d) ?? new Date(d * DAY).toISOString().slice(0, 10);
    dayKeys.set(d, key);
    return calendar.closedDates.includes(key) || (calendar.japaneseHolidays && holidayDays.has(key));
  };
  const today = calendar.hours[(day + 4) % 7];
  const yesterday = calendar.hours[(day + 3) % 7];
  if (today && !closed(day) && (today.end > today.start ? minute >= today.start && minute < today.end : minute >= today.start)) return true;
  return Boolean(yesterday && yesterday.end <= yesterday.start && !closed(day - 1) && minute < yesterday.end);
}
function referenceAdd(calendar: BusinessCalendar, from: number, minutes: number): number {
  let counted = 0;
  let at = from;
  while (counted < minutes) {
    if (isBusinessMinute(calendar, at)) counted++;
    at += MINUTE;
  }
  return at;
}
function referenceBetween(calendar: BusinessCalendar, from: number, to: number): number {
  let counted = 0;
  for (let at = from; at < to; at += MINUTE) if (isBusinessMinute(calendar, at)) counted++;
  return counted;
}

const windowLength = (w: WorkingWindow) => (w.end > w.start ? w.end - w.start : w.end + 1440 - w.start);
const window = fc.record({ start: fc.integer({ min: 0, max: 1439 }), end: fc.integer({ min: 0, max: 1439 }) });
// Only zones without daylight saving: a window opening inside a skipped hour has no one answer.
const calendar = fc
  .record({
    timeZone: fc.constantFrom('Asia/Tokyo', 'UTC', 'Asia/Kolkata', 'Asia/Kathmandu'),
    hours: fc.array(fc.option(window, { nil: null }), { minLength: 7, maxLength: 7 }),
    japaneseHolidays: fc.boolean(),
    closedDates: fc.subarray(['2025-12-29', '2025-12-30', '2026-01-02', '2026-01-05', '2026-05-01', '2026-05-07', '2026-12-28', '2026-12-30', '2027-01-04']),
  })
  .filter((c) => c.hours.reduce((sum, w) => sum + (w ? windowLength(w) : 0), 0) >= 600);
// Around the year ends and Golden Week, where the closing days and holidays are.
const minuteIn = (from: string, to: string) => fc.integer({ min: Date.parse(from) / MINUTE, max: Date.parse(to) / MINUTE }).map((m) => m * MINUTE);
const instant = fc.oneof(minuteIn('2025-12-24T00:00Z', '2026-01-10T00:00Z'), minuteIn('2026-04-25T00:00Z', '2026-05-09T00:00Z'), minuteIn('2026-12-24T00:00Z', '2027-01-10T00:00Z'));

describe('Against a minute-by-minute count', () => {
  it('adds business minutes as the reference does', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 1500 }), (cal, from, minutes) => {
        expect(addBusinessMinutes(cal, from, minutes)).toBe(referenceAdd(cal, from, minutes));
      }),
      { numRuns: 100 },
    );
  });

  it('counts the business minutes between two instants as the reference does', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 6 * 1440 }), (cal, from, span) => {
        expect(businessMinutesBetween(cal, from, from + span * MINUTE)).toBe(referenceBetween(cal, from, from + span * MINUTE));
      }),
      { numRuns: 100 },
    );
  });

  it('takes back what it added: the minutes between a start and its due time are the minutes added', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 5000 }), (cal, from, minutes) => {
        expect(businessMinutesBetween(cal, from, addBusinessMinutes(cal, from, minutes))).toBe(minutes);
      }),
      { numRuns: 200 },
    );
  });
});
