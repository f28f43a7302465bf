import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, withQuery } from '../../../lib/api.ts';
import { createPasskey, signWithPasskey } from '../../../lib/passkeys.ts';
import type { SecondFactorPolicy } from '../../../../shared/second-factor-policies.ts';
import { rememberSignInNotice, useRefreshSession, type Stage } from '../../../lib/session.ts';

type StepResponse = { stage: Stage };
/** A confirmation the server words; `messageKey` names its translation. */
export type MessageResponse = { message: string; messageKey?: string };
export type TotpSetup = { otpauthUri: string; secret: string; qrCodeDataUrl: string };
export type Terms = { version: string; text: string };

/**
 * One sign-in step. It resolves only after the session was re-read, so the page gates already
 * know the next stage and move the person to its page.
 */
function useSignInStep<Body>(path: string) {
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: (body: Body) => api.post<StepResponse>(path, body),
    onSuccess: () => refreshSession(),
    // A step that ends the sign-in (too many wrong codes) sends the person back to the login form,
    // which tells them why.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401 && error.messageKey) rememberSignInNotice(error.messageKey);
    },
  });
}

export const useLogin = () => useSignInStep<{ email: string; password: string }>('/api/auth/login');
export const useEmailCode = () => useSignInStep<{ code: string }>('/api/auth/otp');
export const useVerifyAuthenticator = () => useSignInStep<{ code: string }>('/api/auth/totp/verify');
export const usePairAuthenticator = () => useSignInStep<{ code: string }>('/api/auth/totp/pair');
export const useChangePassword = () => useSignInStep<{ currentPassword: string; newPassword: string; confirmPassword: string }>('/api/auth/change-password');
export const useAcceptTerms = () => useSignInStep<{ version: string }>('/api/auth/terms/accept');

export function useResendCode() {
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: () => api.post<MessageResponse>('/api/auth/otp/resend'),
    // Too many codes ends this sign-in on the server; the re-read session shows it.
    onError: () => refreshSession(),
  });
}

export function useForgotPassword() {
  return useMutation({ mutationFn: (body: { email: string }) => api.post<MessageResponse>('/api/auth/forgot-password', body) });
}

/** The secret stays the same until paired, so it is read once per visit of the page. */
export function useTotpSetup() {
  return useQuery({
    queryKey: ['auth', 'totp-setup'],
    queryFn: ({ signal }) => api.get<TotpSetup>('/api/auth/totp/setup', signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useTerms(language: string) {
  return useQuery({
    queryKey: ['auth', 'terms', language],
    queryFn: ({ signal }) => api.get<Terms>(withQuery('/api/auth/terms', { language }), signal),
    refetchOnWindowFocus: false,
  });
}

/** Whether the address signs in at its organisation's own provider (single sign-on). */
export function useDiscoverSso() {
  return useMutation({ mutationFn: (email: string) => api.post<{ sso: boolean }>('/api/auth/sso/discover', { email }) });
}

/** Starts single sign-on; the browser then leaves for the provider's address. */
export function useStartSso() {
  return useMutation({
    mutationFn: (email: string) => api.post<{ redirectUrl: string }>('/api/auth/sso/start', { email }),
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });
}

/**
 * A sign-in with a passkey: the server's challenge, the browser's passkey prompt, then the signed
 * answer, which moves the sign-in on as a password and code would. 'second-factor': in place of the
 * code, after the password.
 */
export function usePasskeySignIn(step: 'sign-in' | 'second-factor') {
  const refreshSession = useRefreshSession();
  const path = step === 'sign-in' ? '/api/auth/passkey' : '/api/auth/passkey/second-factor';
  return useMutation({
    mutationFn: async () => {
      const options = await api.post<PublicKeyCredentialRequestOptionsJSON>(`${path}/options`);
      return api.post<StepResponse>(path, { credential: await signWithPasskey(options) });
    },
    onSuccess: () => refreshSession(),
  });
}

/** The 'factor_required' step: the account's rule, what the person can prove now, and whether this sign-in may set something up. */
export type RequiredFactor = { policy: SecondFactorPolicy; prove: { passkey: boolean; app: boolean }; setUp: boolean; appAccepted: boolean };

export function useRequiredFactor() {
  return useQuery({ queryKey: ['auth', 'required-factor'], queryFn: ({ signal }) => api.get<RequiredFactor>('/api/auth/required-factor', signal), refetchOnWindowFocus: false });
}

/** Adds the passkey the account's rule asks for, named as the person chose; it is this sign-in's proof and the sign-in moves on. */
export function useAddRequiredPasskey() {
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: async (name: string) => {
      const options = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/auth/required-factor/passkey/options');
      return api.post<StepResponse>('/api/auth/required-factor/passkey', { name, credential: await createPasskey(options) });
    },
    onSuccess: () => refreshSession(),
  });
}
