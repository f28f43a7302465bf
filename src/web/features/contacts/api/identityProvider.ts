import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IdentityProviderAnswer, IdentityProviderInput } from '../../../components/IdentityProviderForm.tsx';
import { api } from '../../../lib/api.ts';

const key = (accountId: number) => ['account-identity-provider', accountId] as const;
const url = (accountId: number) => `/api/accounts/${accountId}/identity-provider`;

/** The account's own single sign-on provider, where the vendor lets its administrators manage it. */
export function useAccountIdentityProvider(accountId: number) {
  return useQuery({ queryKey: key(accountId), queryFn: ({ signal }) => api.get<IdentityProviderAnswer>(url(accountId), signal) });
}

/** Registers or changes it; the server may first ask "Confirm it's you" (the page's guard). */
export function useSaveAccountIdentityProvider(accountId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IdentityProviderInput) => api.put<IdentityProviderAnswer>(url(accountId), input),
    onSuccess: (answer) => queryClient.setQueryData(key(accountId), answer),
  });
}

export function useRemoveAccountIdentityProvider(accountId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<IdentityProviderAnswer>(url(accountId)),
    onSuccess: (answer) => queryClient.setQueryData(key(accountId), answer),
  });
}
