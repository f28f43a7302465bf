import { getCountries } from 'libphonenumber-js';
import { z } from 'zod';
import { isKnownTimeZone, LANGUAGES, NAME_MAX, OTP_METHODS, PHONE_PATTERN, PREFERRED_CONTACT_METHODS } from '../../shared/reference.ts';
import { emailSchema } from '../auth/auth.schemas.ts';

const knownCountries = new Set<string>(getCountries());

const name = (what: string) => z.string().trim().min(1, `Enter your ${what}.`).max(NAME_MAX, `The ${what} has at most ${NAME_MAX} characters.`);
/** Field rules shared with My Account, so a profile edit is checked exactly like a registration. */
export const phoneSchema = z.string().trim().max(30, 'A phone number has at most 30 characters.').regex(PHONE_PATTERN, 'Enter a phone number of digits, spaces, dashes or brackets.');

export const timeZoneSchema = z.string().refine(isKnownTimeZone, 'Choose a time zone from the list, e.g. Asia/Tokyo.');
/** ISO 3166 two-letter code; the form shows it as "Japan +81". */
export const countryCodeSchema = z.string().refine((code) => knownCountries.has(code), 'Choose a country code from the list.');
/** Optional: an empty string means no mobile phone. */
export const mobileSchema = z.union([z.literal(''), phoneSchema]);
export const preferredContactSchema = z.enum(PREFERRED_CONTACT_METHODS, { message: 'Choose Support Portal, Email or Phone.' });
export const languageSchema = z.enum(LANGUAGES, { message: 'Choose English or 日本語.' });

export const registrationBody = z.strictObject({
  customerIdentifier: z.string().trim().min(1, 'Enter your Customer Identifier.').max(40, 'A Customer Identifier has 10 characters, like ABCDE-23456.'),
  firstName: name('first name'),
  lastName: name('last name'),
  email: emailSchema,
  timeZone: timeZoneSchema,
  countryCode: countryCodeSchema,
  phone: phoneSchema,
  mobile: mobileSchema.default(''),
  preferredContact: preferredContactSchema,
  language: languageSchema,
  otpMethod: z.enum(OTP_METHODS, { message: 'Choose Authenticator App or Email.' }),
});
export type RegistrationInput = z.infer<typeof registrationBody>;

export const registrationCreated = z.object({ number: z.string(), state: z.literal('requested') });

export const REGISTRATION_STATES = ['requested', 'approved', 'rejected'] as const;

export const registrationNumberParams = z.strictObject({
  number: z.string().trim().toUpperCase().regex(/^REG\d{7}$/, 'A request number looks like REG0000001.'),
});

export const registrationRequestView = z.object({
  number: z.string(),
  state: z.enum(REGISTRATION_STATES),
  accountName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  timeZone: z.string(),
  countryCode: z.string(),
  phone: z.string(),
  mobile: z.string(),
  preferredContact: z.enum(PREFERRED_CONTACT_METHODS),
  language: z.enum(LANGUAGES),
  otpMethod: z.enum(OTP_METHODS),
  createdAt: z.number(),
  decidedAt: z.number().nullable(),
  decidedBy: z.string().nullable(),
  /** Whether the viewer may still approve or reject it. */
  canDecide: z.boolean(),
});

export const registrationListQuery = z.strictObject({
  /** Only requests in this state; every state when left out. */
  state: z.enum(REGISTRATION_STATES, { message: 'A request state is requested, approved or rejected.' }).optional(),
  /** Keyset cursor: the id of the last request of the previous page. */
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const registrationList = z.object({
  items: z.array(registrationRequestView),
  nextCursor: z.number().nullable(),
});

export const registrationHelpBody = z.strictObject({
  name: z.string().trim().min(1, 'Enter your name.').max(200, 'The name has at most 200 characters.'),
  email: emailSchema,
  company: z.string().trim().min(1, 'Enter your company.').max(200, 'The company has at most 200 characters.'),
  message: z.string().trim().min(1, 'Tell us how we can help.').max(4000, 'The message has at most 4,000 characters.'),
  language: z.enum(LANGUAGES).default('en'),
});
