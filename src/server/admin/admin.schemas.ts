import { z } from 'zod';
import { SECOND_FACTOR_POLICIES } from '../../shared/second-factor-policies.ts';
import { LANGUAGES, NAME_MAX, OTP_METHODS } from '../../shared/reference.ts';
import { emailSchema } from '../auth/auth.schemas.ts';
import { timeZoneSchema } from '../registration/registration.schemas.ts';

/** As long as `createAccount` accepts, so the schema and the service never disagree. */
export const ACCOUNT_NAME_MAX = 200;

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const limit = z.coerce.number().int().min(1).max(100).default(25);
/** Opaque keyset cursor from the previous page's `nextCursor`. */
const cursor = z.string().max(400).optional();

export const idParams = z.strictObject({ id });

const accountName = z.string().trim().min(1, 'Enter the account name.').max(ACCOUNT_NAME_MAX, `An account name has at most ${ACCOUNT_NAME_MAX} characters.`);

export const accountBody = z.strictObject({ name: accountName });

export const accountsQuery = z.strictObject({
  /** Part of the name, or a whole Customer Identifier (with or without the dash, any case). */
  q: z.string().trim().max(ACCOUNT_NAME_MAX).default(''),
  cursor,
  limit,
});

export const accountView = z.object({
  id: z.number(),
  name: z.string(),
  /** Grouped as XXXXX-XXXXX, the way people read it out. */
  customerIdentifier: z.string(),
  /** What every contact of the account must sign in with (auth/factor-policy.ts). */
  secondFactorPolicy: z.enum(SECOND_FACTOR_POLICIES),
  /** The account's own administrators may manage its single sign-on provider (the vendor's choice). */
  ssoSelfService: z.boolean(),
  createdAt: z.number(),
});

export const ssoSelfServiceBody = z.strictObject({
  /** true: the account's administrators register, change and remove its provider themselves. */
  allowed: z.boolean({ message: 'Say whether account administrators may manage single sign-on: true or false.' }),
});

export const accountList = z.object({ items: z.array(accountView), nextCursor: z.string().nullable() });

const personName = (what: string) => z.string().trim().min(1, `Enter the ${what}.`).max(NAME_MAX, `The ${what} has at most ${NAME_MAX} characters.`);

export const STAFF_ROLES = ['agent', 'admin'] as const;

export const staffBody = z.strictObject({
  email: emailSchema,
  firstName: personName('first name'),
  lastName: personName('last name'),
  role: z.enum(STAFF_ROLES, { message: 'Choose Agent or Administrator.' }),
  otpMethod: z.enum(OTP_METHODS, { message: 'Choose Authenticator App or Email.' }),
  language: z.enum(LANGUAGES, { message: 'Choose English or 日本語.' }).default('en'),
  /** The zone their pages and mails show times in; unset: DEFAULT_TIME_ZONE. */
  timeZone: timeZoneSchema.optional(),
});
export type StaffInput = z.infer<typeof staffBody>;

/** What an administrator changes of a staff member later: the language and zone of their pages and mails. */
export const staffPreferencesBody = z
  .strictObject({
    language: z.enum(LANGUAGES, { message: 'Choose English or 日本語.' }).optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .refine((body) => body.language !== undefined || body.timeZone !== undefined, 'Choose a language or a time zone to change.');
export type StaffPreferences = z.infer<typeof staffPreferencesBody>;

export const staffQuery = z.strictObject({ cursor, limit });

export const staffView = z.object({
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(STAFF_ROLES),
  otpMethod: z.enum(OTP_METHODS),
  language: z.enum(LANGUAGES),
  timeZone: z.string(),
  active: z.boolean(),
  lastLoginAt: z.number().nullable(),
  createdAt: z.number(),
});

export const staffList = z.object({ items: z.array(staffView), nextCursor: z.string().nullable() });

export const staffCreated = z.object({
  staff: staffView,
  /** Shown once to the administrator who created the person; only its hash is kept. */
  temporaryPassword: z.string(),
});

export const helpRequestsQuery = z.strictObject({ cursor, limit });

export const helpRequestView = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  company: z.string(),
  message: z.string(),
  language: z.enum(LANGUAGES),
  createdAt: z.number(),
});

export const helpRequestList = z.object({ items: z.array(helpRequestView), nextCursor: z.string().nullable() });
