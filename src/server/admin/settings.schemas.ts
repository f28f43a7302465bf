import { z } from 'zod';
import { AUTO_CLOSE_HOURS_MAX, AUTO_CLOSE_HOURS_MIN } from '../lib/settings.ts';

/** Room for a long text in two languages within the 256 KiB request limit (Japanese is 3 bytes a character). */
export const TERMS_TEXT_MAX = 20_000;
export const TERMS_VERSION_MAX = 50;
export const CONTACT_LIMITS = { company: 200, email: 254, phone: 50, hours: 1000, address: 1000 } as const;

const termsText = (language: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the terms of use in ${language}.`)
    .max(TERMS_TEXT_MAX, `The terms of use have at most ${TERMS_TEXT_MAX.toLocaleString('en')} characters in each language.`);

export const termsBody = z.strictObject({
  /** A version other than the current one is a new version: everyone accepts it at their next login. */
  version: z
    .string()
    .trim()
    .min(1, 'Enter the version of the terms of use.')
    .max(TERMS_VERSION_MAX, `A version has at most ${TERMS_VERSION_MAX} characters.`),
  textEn: termsText('English'),
  textJa: termsText('Japanese'),
});
export type TermsBody = z.infer<typeof termsBody>;

const detail = (max: number, what: string) => z.string().trim().max(max, `${what} has at most ${max.toLocaleString('en')} characters.`);

/** Every detail is optional on "Contact Us": an empty one is not shown. */
export const contactBody = z.strictObject({
  company: detail(CONTACT_LIMITS.company, 'The company name'),
  email: z.union([z.literal(''), z.email({ message: 'Enter a valid e-mail address, or leave it empty.' }).max(CONTACT_LIMITS.email, 'An e-mail address has at most 254 characters.')], {
    message: 'Enter a valid e-mail address, or leave it empty.',
  }),
  phone: detail(CONTACT_LIMITS.phone, 'The phone number'),
  hours: detail(CONTACT_LIMITS.hours, 'The support hours text'),
  address: detail(CONTACT_LIMITS.address, 'The address'),
});
export type ContactBody = z.infer<typeof contactBody>;

const hoursMessage = `Enter a whole number of hours from ${AUTO_CLOSE_HOURS_MIN} to ${AUTO_CLOSE_HOURS_MAX} (365 days).`;

export const autoCloseBody = z.strictObject({
  /** How long a Resolved case waits for an answer, in hours (a day is 24); null: use AUTO_CLOSE_DAYS. */
  hours: z.number({ message: hoursMessage }).int(hoursMessage).min(AUTO_CLOSE_HOURS_MIN, hoursMessage).max(AUTO_CLOSE_HOURS_MAX, hoursMessage).nullable(),
});
export type AutoCloseBody = z.infer<typeof autoCloseBody>;

export const settingsView = z.object({
  terms: z.object({ version: z.string(), textEn: z.string(), textJa: z.string() }),
  contact: z.object({ company: z.string(), email: z.string(), phone: z.string(), hours: z.string(), address: z.string() }),
  autoClose: z.object({
    /** The administrators' wait in hours; null when the environment default applies. */
    hours: z.number().nullable(),
    /** AUTO_CLOSE_DAYS of this installation. */
    defaultDays: z.number(),
    /** What the auto-close job waits now, in hours. */
    effectiveHours: z.number(),
  }),
  /** Texts still as shipped, which the administrators are asked to replace with the vendor's own. */
  samples: z.object({ terms: z.boolean(), contact: z.boolean() }),
});
export type SettingsView = z.infer<typeof settingsView>;
