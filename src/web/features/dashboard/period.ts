/** The periods offered at once; "custom" takes two days of the viewer's choosing. */
export const PRESETS = ['30d', '90d', '12m', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

const DAY = 24 * 3600 * 1000;
const DAYS: Record<Exclude<Preset, 'custom'>, number> = { '30d': 30, '90d': 90, '12m': 365 };

/** Today's date (YYYY-MM-DD) in the viewer's time zone. */
export function todayIn(timeZone: string | undefined, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The first and last day of a preset period ending today, in the viewer's zone. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, timeZone: string | undefined, now = Date.now()): { from: string; to: string } {
  const to = todayIn(timeZone, now);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (DAYS[preset] - 1) * DAY).toISOString().slice(0, 10);
  return { from, to };
}
