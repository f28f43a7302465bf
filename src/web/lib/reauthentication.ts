import { useMutation, useQuery } from '@tanstack/react-query';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api } from './api.ts';
import { signWithPasskey } from './passkeys.ts';

/** What "Confirm it's you" asks for after the password: the code of the person's method, or a passkey where the account's rule refuses e-mailed codes. */
export type ReauthenticationFactor = 'email' | 'app' | 'passkey';
type Reauthentication = { done: boolean; factor?: ReauthenticationFactor };

/** What stands for the password: the password itself, or this session's sign-in again at its organisation's provider. */
export type FirstProof = { password: string } | { sso: true };

/**
 * "Confirm it's you": the password (or a sign-in again at the organisation's provider that asserted
 * no second factor), then the second factor's code (for e-mailed codes, the first call mails it) or
 * a passkey. `done` once both were right; the server then renewed the session cookie.
 */
export function useReauthenticate() {
  return useMutation({
    mutationFn: async (body: FirstProof & { code?: string; passkey?: true }) => {
      const { passkey, ...rest } = body;
      if (!passkey) return api.post<Reauthentication>('/api/auth/reauthenticate', rest);
      const options = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/reauthenticate/passkey/options');
      return api.post<Reauthentication>('/api/auth/reauthenticate', { ...rest, credential: await signWithPasskey(options) });
    },
  });
}

/** Whether the person's organisation's provider can confirm it is them, and whether its proof waits for the second factor. */
export function useReproofOptions() {
  return useQuery({
    queryKey: ['reauthentication', 'sso'],
    queryFn: ({ signal }) => api.get<{ organisation: string | null; secondFactorDue: boolean }>('/api/auth/sso/reauthenticate', signal),
    staleTime: 0,
  });
}

/** "Sign in again at …": off to the organisation's provider, which sends the browser back to `returnTo` (this page). */
export function useStartReproof() {
  return useMutation({
    mutationFn: (returnTo: string) => api.post<{ redirectUrl: string }>('/api/auth/sso/reauthenticate', { returnTo }),
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });
}
