import { z } from 'zod';
import { LANGUAGES, OTP_METHODS, PREFERRED_CONTACT_METHODS } from '../../shared/reference.ts';
import {
  countryCodeSchema,
  languageSchema,
  mobileSchema,
  phoneSchema,
  preferredContactSchema,
  timeZoneSchema,
} from '../registration/registration.schemas.ts';

/** The signed-in person's own details as "My Account" shows them; never hashes or secrets. */
export const profileResponse = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  timeZone: z.string(),
  countryCode: z.string(),
  phone: z.string(),
  mobile: z.string(),
  preferredContact: z.enum(PREFERRED_CONTACT_METHODS),
  language: z.enum(LANGUAGES),
  otpMethod: z.enum(OTP_METHODS),
  /** Which case mails the person receives; passcode and account mails are always sent. */
  caseMails: z.object({ opened: z.boolean(), commented: z.boolean(), resolved: z.boolean(), closed: z.boolean() }),
});
export type Profile = z.infer<typeof profileResponse>;

/** The guide's four case mails, each on or off. */
export const caseMailsBody = z.strictObject({ opened: z.boolean(), commented: z.boolean(), resolved: z.boolean(), closed: z.boolean() });
export type CaseMails = z.infer<typeof caseMailsBody>;

/**
 * What a person may change about themselves, checked by the registration form's rules. Strict: the
 * e-mail address and the names are the vendor's to change, so sending them is refused.
 */
export const profileUpdateBody = z.strictObject({
  timeZone: timeZoneSchema.optional(),
  countryCode: countryCodeSchema.optional(),
  phone: phoneSchema.optional(),
  mobile: mobileSchema.optional(),
  preferredContact: preferredContactSchema.optional(),
  language: languageSchema.optional(),
});
export type ProfileUpdate = z.infer<typeof profileUpdateBody>;

export const pairBody = z.strictObject({
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code.'),
});

export const secondFactorResponse = z.object({ otpMethod: z.enum(OTP_METHODS) });

/** One signed-in browser of the person. `id` is derived from the stored hash and cannot be turned back into a token. */
export const sessionView = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  ip: z.string(),
  userAgent: z.string(),
});

export const sessionList = z.object({ items: z.array(sessionView) });

export const sessionParams = z.strictObject({ id: z.string().max(100) });

export const signOutResponse = z.object({ current: z.boolean() });
