import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IdentityProviderAnswer, IdentityProviderInput } from '../components/IdentityProviderForm.tsx';
import { api } from './api.ts';

/**
 * An account's single sign-on provider at `url`: the vendor's Administration route or the account
 * administrator's own. Both answer the same shape, and a save or removal answers the new state.
 */
export function useIdentityProviderAt(url: string) {
  const queryClient = useQueryClient();
  const queryKey = ['identity-provider', url] as const;
  const provider = useQuery({ queryKey, queryFn: ({ signal }) => api.get<IdentityProviderAnswer>(url, signal) });
  const save = useMutation({
    mutationFn: (input: IdentityProviderInput) => api.put<IdentityProviderAnswer>(url, input),
    onSuccess: (answer) => queryClient.setQueryData(queryKey, answer),
  });
  const remove = useMutation({
    mutationFn: () => api.delete<IdentityProviderAnswer>(url),
    onSuccess: (answer) => queryClient.setQueryData(queryKey, answer),
  });
  return { provider, save, remove };
}
