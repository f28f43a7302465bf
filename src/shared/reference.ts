/** Values both the server and the web app check against. No Node imports here. */
export const LANGUAGES = ['en', 'ja'] as const;
export const PREFERRED_CONTACT_METHODS = ['portal', 'email', 'phone'] as const;
export const OTP_METHODS = ['email', 'app'] as const;

export type Language = (typeof LANGUAGES)[number];
export type PreferredContact = (typeof PREFERRED_CONTACT_METHODS)[number];
export type OtpMethod = (typeof OTP_METHODS)[number];

/** How a contact is reached: asked at registration, changed in My Account. */
export type ContactDetails = {
  timeZone: string;
  /** ISO 3166 alpha-2, e.g. JP; forms show it as "Japan +81". */
  countryCode: string;
  phone: string;
  mobile: string;
  preferredContact: PreferredContact;
  language: Language;
};

/** IANA time zones this runtime knows, plus UTC, which Intl lists under Etc/. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

let knownZones: Set<string> | undefined;
/** Whether `zone` is one of timeZones(); the list is read from Intl once. */
export function isKnownTimeZone(zone: string): boolean {
  knownZones ??= new Set(timeZones());
  return knownZones.has(zone);
}

export const NAME_MAX = 100;
export const PHONE_PATTERN = /^\+?[0-9()\-.\s]{4,30}$/;

/** The most Case Activity entries one answer holds; a longer time line is read in pages (`after`). */
export const ACTIVITY_PAGE_SIZE = 1000;
