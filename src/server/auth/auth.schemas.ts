import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../lib/passwords.ts';
import { authenticationCredential } from './passkeys.schemas.ts';

export const emailSchema = z.email({ message: 'Enter a valid e-mail address.' }).max(254, 'An e-mail address has at most 254 characters.');

/** Bodies are strict: a field the schema does not name is refused (ASVS 2.1 mass assignment). */
export const loginBody = z.strictObject({
  email: z.string().trim().max(254, 'An e-mail address has at most 254 characters.').min(1, 'Enter your e-mail address.'),
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH * 4, 'This password is too long.'),
});

export const codeBody = z.strictObject({
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code.'),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH * 4),
  newPassword: z.string().min(1, 'Enter a new password.').max(PASSWORD_MAX_LENGTH * 4),
  confirmPassword: z.string().min(1, 'Confirm the new password.').max(PASSWORD_MAX_LENGTH * 4),
});

export const reauthenticateBody = z.strictObject({
  /** Required unless `sso`. */
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH * 4, 'This password is too long.').optional(),
  /** Instead of the password: this session signed in again at its organisation's provider just now (POST /api/auth/sso/reauthenticate), which asserted no second factor. */
  sso: z.literal(true).optional(),
  /** Left out at first: the answer says a code is wanted (and mails it for e-mailed codes). */
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code.').optional(),
  /** Instead of the code: a passkey's answer to POST /api/auth/reauthenticate/passkey/options. */
  credential: authenticationCredential.optional(),
}).refine((body) => body.sso === true || body.password !== undefined, { message: 'Enter your password.', path: ['password'] });

/** `done` once the password and the second factor were both right; until then `factor` says what the next call adds. */
export const reauthenticateResponse = z.object({ done: z.boolean(), factor: z.enum(['email', 'app', 'passkey']).optional() });

export const forgotPasswordBody = z.strictObject({ email: emailSchema });

export const stageSchema = z.enum(['anonymous', 'email_code', 'totp_verify', 'factor_required', 'change_password', 'totp_pair', 'terms', 'active']);

/** Where the sign-in goes next; the web app routes by it. */
export const stepResponse = z.object({ stage: stageSchema });

export const roleSchema = z.enum(['approver', 'account_admin', 'agent', 'admin']);

export const meSchema = z.object({
  id: z.number(),
  kind: z.enum(['contact', 'staff']),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  language: z.enum(['en', 'ja']),
  timeZone: z.string(),
  otpMethod: z.enum(['email', 'app']),
  roles: z.array(roleSchema),
  account: z.object({ name: z.string(), customerIdentifier: z.string() }).nullable(),
});

export const sessionResponse = z.object({
  stage: stageSchema,
  /** Only once the second factor is passed. */
  person: meSchema.nullable(),
  /** Before the second factor: only the address typed, which the code step shows, and whether a passkey may stand in for the code. */
  signIn: z.object({ email: z.string(), passkey: z.boolean() }).nullable(),
  /** Mails are kept in the development mailbox page instead of being sent. */
  devMailbox: z.boolean(),
  /** DEFAULT_TIME_ZONE: what the registration form offers when the browser's own zone is unknown. */
  defaultTimeZone: z.string(),
});

export const totpSetupResponse = z.object({
  otpauthUri: z.string(),
  secret: z.string(),
  qrCodeDataUrl: z.string(),
});

/** The 'factor_required' step: the account's policy, and the factors this sign-in may prove or set up. */
export const requiredFactorResponse = z.object({
  policy: z.enum(['any', 'app_or_passkey', 'passkey_only']),
  prove: z.object({ passkey: z.boolean(), app: z.boolean() }),
  /** False until this sign-in proved a second factor: with only the password nothing new may be set up. */
  setUp: z.boolean(),
  appAccepted: z.boolean(),
});

export const termsResponse = z.object({ version: z.string(), text: z.string() });

export const messageResponse = z.object({ message: z.string(), messageKey: z.string().optional() });

export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  messageKey: z.string().optional(),
  field: z.string().optional(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  /** What the message names (e.g. `domains`), for the translation of `messageKey`. */
  params: z.record(z.string(), z.string()).optional(),
  /** The request's id, as in the logs and the X-Request-ID header: what a person quotes to support. */
  requestId: z.string().optional(),
});
