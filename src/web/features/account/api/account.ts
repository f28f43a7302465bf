import type { ContactDetails, OtpMethod } from '../../../../shared/reference.ts';
import type { AccessTokenLifetimeDays, AccessTokenScope } from '../../../../shared/access-tokens.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { SESSION_KEY, useRefreshSession } from '../../../lib/session.ts';

export type { Language, OtpMethod, PreferredContact } from '../../../../shared/reference.ts';

export type Profile = ContactDetails & {
  email: string;
  firstName: string;
  lastName: string;
  otpMethod: OtpMethod;
  caseMails: CaseMails;
};

/** The guide's four case mails, each on or off; passcode and account mails are always sent. */
export type CaseMails = { opened: boolean; commented: boolean; resolved: boolean; closed: boolean };

export type ProfileChanges = Partial<ContactDetails>;

export type TotpSetup = { otpauthUri: string; secret: string; qrCodeDataUrl: string };

export type ActiveSession = { id: string; current: boolean; createdAt: number; lastSeenAt: number; ip: string; userAgent: string };

const PROFILE_KEY = ['me', 'profile'] as const;
const SESSIONS_KEY = ['me', 'sessions'] as const;

export function useProfile() {
  return useQuery({ queryKey: PROFILE_KEY, queryFn: ({ signal }) => api.get<Profile>('/api/me', signal), refetchOnWindowFocus: false });
}

/** Which case mails to receive. */
export function useSaveCaseMails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseMails: CaseMails) => api.put<Profile>('/api/me/case-mails', caseMails),
    onSuccess: (profile) => queryClient.setQueryData(PROFILE_KEY, profile),
  });
}

/** Saves My Account; the session is re-read because the header and dates follow the time zone and language. */
export function useSaveProfile() {
  const queryClient = useQueryClient();
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => api.patch<Profile>('/api/me', changes),
    onSuccess: async (profile) => {
      queryClient.setQueryData(PROFILE_KEY, profile);
      await refreshSession();
    },
  });
}

/** Password change for a signed-in person; the server ends their other sessions. */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string; confirmPassword: string }) => api.post('/api/auth/change-password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/**
 * The secret to pair, read when the person asks to use an authenticator app (it needs a recent
 * sign-in, so the caller may have to confirm it is them first) and kept by the pairing view only.
 */
export const fetchAuthenticatorSetup = () => api.get<TotpSetup>('/api/me/second-factor/app/setup');

function useSecondFactorChange<Body>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api.post<{ otpMethod: OtpMethod }>(path, body),
    // The server ended the person's other sessions, so the list shrinks too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: PROFILE_KEY }),
        queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
      ]),
  });
}

export const usePairNewAuthenticator = () => useSecondFactorChange<{ code: string }>('/api/me/second-factor/app');
export const useEmailCodes = () => useSecondFactorChange<void>('/api/me/second-factor/email');

export function useActiveSessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => api.get<{ items: ActiveSession[] }>('/api/me/sessions', signal) });
}

export function useSignOutSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ current: boolean }>(`/api/me/sessions/${encodeURIComponent(id)}/sign-out`),
    onSuccess: (result) => (result.current ? undefined : queryClient.invalidateQueries({ queryKey: SESSIONS_KEY })),
  });
}

export type AccessToken = { id: number; name: string; scopes: AccessTokenScope[]; createdAt: number; expiresAt: number; lastUsedAt: number | null; expired: boolean };
export type NewAccessToken = { name: string; scopes: AccessTokenScope[]; expiresInDays: AccessTokenLifetimeDays };

const ACCESS_TOKENS_KEY = ['me', 'access-tokens'] as const;

export function useAccessTokens() {
  return useQuery({ queryKey: ACCESS_TOKENS_KEY, queryFn: ({ signal }) => api.get<{ items: AccessToken[] }>('/api/me/access-tokens', signal) });
}

/** Creates a token; the answer holds the token itself, which is never readable again. */
export function useCreateAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAccessToken) => api.post<{ token: string; accessToken: AccessToken }>('/api/me/access-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCESS_TOKENS_KEY }),
  });
}

export function useRevokeAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ id: number }>(`/api/me/access-tokens/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCESS_TOKENS_KEY }),
  });
}
