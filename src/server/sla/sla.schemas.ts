import { z } from 'zod';
import { isKnownTimeZone } from './business-calendar.ts';

/** A year of business minutes at most; a target of a minute or more. */
export const TARGET_MINUTES_MAX = 525_600;
export const CLOSED_DATES_MAX = 400;

const minutesMessage = `Enter a whole number of business minutes from 1 to ${TARGET_MINUTES_MAX.toLocaleString('en')}, or leave the target empty.`;
const targetMinutes = z.number({ message: minutesMessage }).int(minutesMessage).min(1, minutesMessage).max(TARGET_MINUTES_MAX, minutesMessage).nullable();

/** One priority's targets; null: no target of that kind for the priority. */
export const priorityTargets = z.strictObject({
  priority: z.number().int().min(1).max(4),
  /** Business minutes until the first public reply by staff. */
  firstResponseMinutes: targetMinutes,
  /** Business minutes until a solution is proposed or the case is closed. */
  resolutionMinutes: targetMinutes,
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, from 00:00 to 23:59.');

/** A day's working hours; an end at or before the start runs past midnight (22:00–06:00), an end equal to the start is 24 hours. */
export const workingHours = z.strictObject({ start: clockTime, end: clockTime });

export const calendarSchema = z.strictObject({
  timeZone: z.string().max(64).refine(isKnownTimeZone, 'Choose a time zone by its IANA name, such as Asia/Tokyo.'),
  /** Sunday first; null for a day with no work. */
  hours: z
    .array(workingHours.nullable())
    .length(7, 'Give the working hours of each of the seven days, Sunday first.')
    .refine((days) => days.some((day) => day !== null), 'At least one day of the week needs working hours.'),
  japaneseHolidays: z.boolean(),
  closedDates: z
    .array(z.iso.date({ message: 'Enter a closing day as YYYY-MM-DD.' }))
    .max(CLOSED_DATES_MAX, `At most ${CLOSED_DATES_MAX} closing days.`)
    .refine((days) => new Set(days).size === days.length, 'A closing day is listed twice.'),
});
export type CalendarInput = z.infer<typeof calendarSchema>;

export const slaBody = z.strictObject({
  /** One entry per priority, 1 (Critical) to 4 (Low). */
  targets: z
    .array(priorityTargets)
    .length(4, 'Give the targets of each of the four priorities.')
    .refine((targets) => new Set(targets.map((t) => t.priority)).size === 4, 'Give the targets of each of the four priorities once.'),
  calendar: calendarSchema,
});
export type SlaBody = z.infer<typeof slaBody>;

export const slaView = z.object({
  targets: z.array(z.object({ priority: z.number(), firstResponseMinutes: z.number().nullable(), resolutionMinutes: z.number().nullable() })),
  calendar: z.object({
    timeZone: z.string(),
    hours: z.array(z.object({ start: z.string(), end: z.string() }).nullable()),
    japaneseHolidays: z.boolean(),
    closedDates: z.array(z.string()),
  }),
  /** How many open cases had their due times computed again by this save (0 on a read). */
  recomputed: z.number(),
});
export type SlaView = z.infer<typeof slaView>;
