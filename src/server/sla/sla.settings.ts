import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { readSettings, writeSettings } from '../lib/settings.ts';
import { DEFAULT_CALENDAR, type BusinessCalendar } from './business-calendar.ts';
import type { PriorityTargets } from './case-clock.ts';
import { calendarSchema, priorityTargets, type CalendarInput } from './sla.schemas.ts';
import { z } from 'zod';

type Executor = Db | Transaction<Database>;

/** Keys of the `settings` table: the SLA is one vendor's, like the other settings. */
const KEYS = { targets: 'sla_targets', calendar: 'sla_calendar' } as const;
export const SLA_SETTING_KEYS: readonly string[] = Object.values(KEYS);

/** Targets per priority (index 0 is priority 1); none until the administrators set them. */
export type SlaTargets = PriorityTargets[];
export type SlaSettings = { targets: SlaTargets; calendar: BusinessCalendar };

const NO_TARGETS: SlaTargets = [1, 2, 3, 4].map(() => ({ firstResponseMinutes: null, resolutionMinutes: null }));

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The calendar as the API and the page write it (HH:MM) as the clock reads it (minutes). */
export function calendarFromInput(input: CalendarInput): BusinessCalendar {
  return { ...input, hours: input.hours.map((day) => (day ? { start: toMinutes(day.start), end: toMinutes(day.end) } : null)), closedDates: [...input.closedDates].sort() };
}
export function calendarToInput(calendar: BusinessCalendar): CalendarInput {
  return { ...calendar, hours: calendar.hours.map((day) => (day ? { start: toClock(day.start), end: toClock(day.end) } : null)), closedDates: [...calendar.closedDates] };
}

const storedTargets = z.array(priorityTargets).length(4);

/** The SLA in force. A stored value that no longer parses counts as unset rather than stopping every case page. */
export async function readSlaSettings(executor: Executor): Promise<SlaSettings> {
  return slaSettingsFrom(await readSettings(executor, SLA_SETTING_KEYS));
}

/** The SLA in force from the stored values of SLA_SETTING_KEYS (for a caller that read them with more). */
export function slaSettingsFrom(stored: Map<string, string>): SlaSettings {
  const parse = <T>(key: string, schema: z.ZodType<T>): T | null => {
    const text = stored.get(key);
    if (text === undefined) return null;
    try {
      const result = schema.safeParse(JSON.parse(text));
      return result.success ? result.data : null;
    } catch {
      return null;
    }
  };
  const targets = parse(KEYS.targets, storedTargets);
  const calendar = parse(KEYS.calendar, calendarSchema);
  return {
    targets: targets ? [...targets].sort((a, b) => a.priority - b.priority).map(({ firstResponseMinutes, resolutionMinutes }) => ({ firstResponseMinutes, resolutionMinutes })) : NO_TARGETS,
    calendar: calendar ? calendarFromInput(calendar) : DEFAULT_CALENDAR,
  };
}

export async function writeSlaSettings(executor: Executor, settings: SlaSettings): Promise<void> {
  await writeSettings(executor, {
    [KEYS.targets]: JSON.stringify(settings.targets.map((t, index) => ({ priority: index + 1, ...t }))),
    [KEYS.calendar]: JSON.stringify(calendarToInput(settings.calendar)),
  });
}

/** The targets of a priority (1–4). */
export const targetsOf = (settings: SlaSettings, priority: number): PriorityTargets => settings.targets[priority - 1] ?? NO_TARGETS[0]!;
