import { z } from 'zod';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Only https, but for a provider on this machine (development, tests): tokens cross this link. */
export const issuerSchema = z
  .url({ message: 'Enter the issuer URL, e.g. https://login.example.com/realms/acme.' })
  .max(500, 'An issuer URL has at most 500 characters.')
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'The issuer URL must start with https://.')
  // Kept exactly as typed: discovery checks the provider's `issuer` against it, trailing slash included.
  .refine((value) => !new URL(value).search && !new URL(value).hash, 'The issuer URL has no query or fragment.');

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(DOMAIN, 'Enter each domain as it follows the @ of an address, e.g. example.co.jp.');

/** What the vendor administrator types on the account's page. */
export const providerBody = z.strictObject({
  issuer: issuerSchema,
  clientId: z.string().trim().min(1, 'Enter the client ID.').max(200, 'A client ID has at most 200 characters.'),
  /** Required the first time; left out later, the stored secret is kept (it is never shown again). */
  clientSecret: z.string().min(1, 'Enter the client secret.').max(500, 'A client secret has at most 500 characters.').optional(),
  domains: z
    .array(domainSchema)
    .min(1, 'Enter at least one e-mail domain.')
    .max(20, 'One provider answers for at most 20 domains.')
    .refine((domains) => new Set(domains).size === domains.length, 'Each domain once.'),
  /** `acr` values by which this provider says it checked a second factor; `amr` is read as well. */
  mfaAcrValues: z.array(z.string().trim().min(1).max(200).regex(/^\S+$/, 'An acr value has no spaces.')).max(10).default([]),
});
export type ProviderInput = z.infer<typeof providerBody>;

export const providerView = z.object({
  issuer: z.string(),
  clientId: z.string(),
  /** The secret itself never leaves the server after it is saved. */
  clientSecretSet: z.boolean(),
  domains: z.array(z.string()),
  mfaAcrValues: z.array(z.string()),
  updatedAt: z.number(),
});

export const providerResponse = z.object({
  provider: providerView.nullable(),
  /** What to register at the provider as the redirect URI: built from PUBLIC_URL. */
  redirectUri: z.string(),
});

export const ssoEmailBody = z.strictObject({
  email: z.string().trim().min(1, 'Enter your e-mail address.').max(254, 'An e-mail address has at most 254 characters.'),
});

export const discoverResponse = z.object({
  /** The address's domain signs in at its organisation's own provider. */
  sso: z.boolean(),
});

export const startResponse = z.object({ redirectUrl: z.string() });

const param = z.string().max(2000).optional();
/** The provider's answer; other parameters it adds (`iss`, `session_state`) are read from the URL as sent. */
export const callbackQuery = z.object({ code: param, state: param, error: param, error_description: param, iss: param });

/** Where "Confirm it's you" at the provider sends the browser back: a path of this portal (`/my-account`), never another site. */
export const reproofBody = z.strictObject({
  returnTo: z.string().min(1).max(500, 'The page to return to has at most 500 characters.'),
});

export const reproofOptions = z.object({
  /** The organisation whose provider can confirm it is this person, or null when none answers for their address. */
  organisation: z.string().nullable(),
  /** This session signed in again at that provider just now, which asserted no second factor: the portal's own is due. */
  secondFactorDue: z.boolean(),
});
