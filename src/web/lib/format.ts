/** A moment as date and time in the viewer's language and time zone, e.g. "24 Nov 2025, 15:04". */
export function formatDateTime(epochMs: number, language: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(epochMs);
  } catch {
    // An unknown zone name must not break the page; fall back to the browser's zone.
    return new Intl.DateTimeFormat(language, options).format(epochMs);
  }
}
