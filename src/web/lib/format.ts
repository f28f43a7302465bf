/**
 * How each language writes a moment: Japanese as a Japanese desk reads it (2026/12/06 11:41 JST,
 * 24-hour), English as "Dec 6, 2026, 2:41 AM UTC". The zone is named, since staff and contacts in
 * different zones talk about the same case.
 */
const dateTimeOptions: Record<string, Intl.DateTimeFormatOptions> = {
  ja: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  en: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
};

// Making an Intl.DateTimeFormat costs far more than using one: a case page with 50 activities
// made one per time shown, the largest cost of the app's own code in its first render (issue 22,
// Chromium's profiler). One per language and zone a visitor sees is kept.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${language} ${timeZone ?? ''}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    const options = dateTimeOptions[language] ?? dateTimeOptions.en!;
    try {
      format = new Intl.DateTimeFormat(language, { ...options, timeZone });
    } catch {
      // An unknown zone name must not break the page; fall back to the browser's zone.
      format = new Intl.DateTimeFormat(language, options);
    }
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A moment as date and time in the viewer's language and time zone. */
export function formatDateTime(epochMs: number, language: string, timeZone: string | undefined): string {
  return dateTimeFormat(language, timeZone).format(epochMs);
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size for people, e.g. "512 bytes" or "1.5 MB", in the viewer's language. */
export function formatFileSize(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
