import { useMutation } from '@tanstack/react-query';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api } from './api.ts';
import { signWithPasskey } from './passkeys.ts';

/** What "Confirm it's you" asks for after the password: the code of the person's method, or a passkey where the account's rule refuses e-mailed codes. */
export type ReauthenticationFactor = 'email' | 'app' | 'passkey';
type Reauthentication = { done: boolean; factor?: ReauthenticationFactor };

/**
 * "Confirm it's you": the password, then the second factor's code (for e-mailed codes, the first
 * call mails it) or a passkey. `done` once both were right; the server then renewed the session cookie.
 */
export function useReauthenticate() {
  return useMutation({
    mutationFn: async (body: { password: string; code?: string; passkey?: true }) => {
      if (!body.passkey) return api.post<Reauthentication>('/api/auth/reauthenticate', body);
      const options = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/reauthenticate/passkey/options');
      return api.post<Reauthentication>('/api/auth/reauthenticate', { password: body.password, credential: await signWithPasskey(options) });
    },
  });
}
