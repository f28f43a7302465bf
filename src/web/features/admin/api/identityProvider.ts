import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IdentityProviderAnswer, IdentityProviderInput } from '../../../components/IdentityProviderForm.tsx';
import { api } from '../../../lib/api.ts';

const key = (accountId: number) => ['admin-identity-provider', accountId] as const;
const url = (accountId: number) => `/api/admin/accounts/${accountId}/identity-provider`;

/** The account's single sign-on provider; the client secret only as saved or not. */
export function useIdentityProvider(accountId: number) {
  return useQuery({ queryKey: key(accountId), queryFn: ({ signal }) => api.get<IdentityProviderAnswer>(url(accountId), signal) });
}

export function useSaveIdentityProvider(accountId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IdentityProviderInput) => api.put<IdentityProviderAnswer>(url(accountId), input),
    onSuccess: (answer) => queryClient.setQueryData(key(accountId), answer),
  });
}

export function useRemoveIdentityProvider(accountId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<IdentityProviderAnswer>(url(accountId)),
    onSuccess: (answer) => queryClient.setQueryData(key(accountId), answer),
  });
}
