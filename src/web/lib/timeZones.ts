import { timeZones } from '../../shared/reference.ts';

let zones: string[] | undefined;

/** The IANA zones the server accepts (the same Intl list plus UTC). */
export function timeZoneOptions(): string[] {
  zones ??= timeZones();
  return zones;
}

/** The browser's own zone, when it is one of the list. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && timeZoneOptions().includes(zone) ? zone : '';
}
