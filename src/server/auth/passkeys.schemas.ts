import { z } from 'zod';

/**
 * Request and response schemas of passkeys (WebAuthn). The credential JSON is what
 * @simplewebauthn/browser hands over; its binary parts are base64url. Bodies stay strict, as every
 * body of the API is, and each field is bounded: an authenticator's answers are a few kilobytes.
 */
const base64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/, 'Expected base64url text.');
const transport = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
/** Whatever the browser's extensions answered; nothing of it is relied on. */
const clientExtensionResults = z.record(z.string().max(64), z.unknown());
const authenticatorAttachment = z.enum(['platform', 'cross-platform']);

export const passkeyName = z.string().trim().min(1, 'Enter a name.').max(100, 'A name has at most 100 characters.');

/** What navigator.credentials.create() made, as JSON (a new passkey). */
export const registrationCredential = z.strictObject({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  response: z.strictObject({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(16000),
    authenticatorData: base64url(8000).optional(),
    transports: z.array(transport).max(7).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4000).optional(),
  }),
  clientExtensionResults,
  authenticatorAttachment: authenticatorAttachment.optional(),
});

/** What navigator.credentials.get() signed, as JSON (a sign-in with a passkey). */
export const authenticationCredential = z.strictObject({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  response: z.strictObject({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(8000),
    signature: base64url(2000),
    userHandle: base64url(100).optional(),
  }),
  clientExtensionResults,
  authenticatorAttachment: authenticatorAttachment.optional(),
});

export const addPasskeyBody = z.strictObject({ name: passkeyName, credential: registrationCredential });
export const renamePasskeyBody = z.strictObject({ name: passkeyName });
export const passkeyParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const signInWithPasskeyBody = z.strictObject({ credential: authenticationCredential });

const credentialDescriptor = z.object({ id: z.string(), type: z.string(), transports: z.array(z.string()).optional() });

/** PublicKeyCredentialCreationOptionsJSON: what the browser needs to make a passkey. */
export const registrationOptions = z.object({
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  challenge: z.string(),
  pubKeyCredParams: z.array(z.object({ type: z.string(), alg: z.number() })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.string().optional(),
      residentKey: z.string().optional(),
      requireResidentKey: z.boolean().optional(),
      userVerification: z.string().optional(),
    })
    .optional(),
  attestation: z.string().optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  hints: z.array(z.string()).optional(),
});

/** PublicKeyCredentialRequestOptionsJSON: what the browser needs to sign in with a passkey. */
export const authenticationOptions = z.object({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(credentialDescriptor).optional(),
  userVerification: z.string().optional(),
  hints: z.array(z.string()).optional(),
});

/** One of the person's passkeys as My Account lists it; the key itself never leaves the server. */
export const passkeyView = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.number(),
  /** Null until the passkey first signs in. */
  lastUsedAt: z.number().nullable(),
});
export type PasskeyView = z.infer<typeof passkeyView>;

export const passkeyList = z.object({ items: z.array(passkeyView) });
export const removedPasskey = z.object({ id: z.number() });
