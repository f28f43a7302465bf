import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError } from './api.ts';

// Fetched when a ceremony starts, not with the login page (issue 22): the request for the
// server's options comes first anyway, so the wait overlaps it.
const webAuthn = () => import('@simplewebauthn/browser');

/**
 * The browser's side of a passkey ceremony. A person who cancels, lets the prompt time out, or
 * uses a browser without passkeys gets an error the pages show like the server's, in their language.
 */
async function ceremonyError(error: unknown): Promise<ApiError> {
  const { browserSupportsWebAuthn, WebAuthnError } = await webAuthn();
  if (!browserSupportsWebAuthn()) return new ApiError(0, { code: 'passkey_unsupported', message: 'This browser cannot use passkeys.', messageKey: 'passkeys.errors.unsupported' });
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new ApiError(409, { code: 'conflict', message: 'This passkey is already registered.', messageKey: 'passkeys.errors.duplicate' });
  }
  return new ApiError(0, { code: 'passkey_cancelled', message: 'The passkey request was cancelled or timed out. Try again.', messageKey: 'passkeys.errors.cancelled' });
}

/** navigator.credentials.create() with the server's options. */
export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON) {
  const { startRegistration } = await webAuthn();
  try {
    return await startRegistration({ optionsJSON });
  } catch (error) {
    throw await ceremonyError(error);
  }
}

/** navigator.credentials.get() with the server's options: the passkey signs the challenge. */
export async function signWithPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON) {
  const { startAuthentication } = await webAuthn();
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    throw await ceremonyError(error);
  }
}
