import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError } from './api.ts';

/**
 * The browser's side of a passkey ceremony. A person who cancels, lets the prompt time out, or
 * uses a browser without passkeys gets an error the pages show like the server's, in their language.
 */
function ceremonyError(error: unknown): ApiError {
  if (!browserSupportsWebAuthn()) return new ApiError(0, { code: 'passkey_unsupported', message: 'This browser cannot use passkeys.', messageKey: 'passkeys.errors.unsupported' });
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new ApiError(409, { code: 'conflict', message: 'This passkey is already registered.', messageKey: 'passkeys.errors.duplicate' });
  }
  return new ApiError(0, { code: 'passkey_cancelled', message: 'The passkey request was cancelled or timed out. Try again.', messageKey: 'passkeys.errors.cancelled' });
}

/** navigator.credentials.create() with the server's options. */
export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON) {
  try {
    return await startRegistration({ optionsJSON });
  } catch (error) {
    throw ceremonyError(error);
  }
}

/** navigator.credentials.get() with the server's options: the passkey signs the challenge. */
export async function signWithPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON) {
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    throw ceremonyError(error);
  }
}
