import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SecondFactorPolicy } from '../../../../shared/second-factor-policies.ts';
import type { ContactSecondFactor } from '../../../components/FactorCompliance.tsx';
import { api, withQuery } from '../../../lib/api.ts';

export type AdminAccount = {
  id: number;
  name: string;
  customerIdentifier: string;
  secondFactorPolicy: SecondFactorPolicy;
  /** The account's own administrators may manage its single sign-on provider. */
  ssoSelfService: boolean;
  createdAt: number;
};
export type AccountContact = {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  roles: ('approver' | 'account_admin')[];
  active: boolean;
  lastLoginAt: number | null;
  secondFactor: ContactSecondFactor;
};
type Page<T> = { items: T[]; nextCursor: string | null };

const LIST_KEY = ['admin-accounts'] as const;
const accountKey = (id: number) => ['admin-account', id] as const;

/** Accounts by name, 25 at a time; `q` is part of a name or a whole Customer Identifier. */
export function useAdminAccounts(q: string) {
  return useInfiniteQuery({
    queryKey: [...LIST_KEY, q],
    queryFn: ({ pageParam, signal }) => api.get<Page<AdminAccount>>(withQuery('/api/admin/accounts', { q, cursor: pageParam, limit: 25 }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // While a new search runs, the last results stay instead of a flash of the loader.
    placeholderData: keepPreviousData,
  });
}

export function useAdminAccount(id: number) {
  return useQuery({ queryKey: accountKey(id), queryFn: ({ signal }) => api.get<AdminAccount>(`/api/admin/accounts/${id}`, signal) });
}

/** The account's contacts, read from the one Contacts list (vendor administrators name the account). */
export function useAccountContacts(id: number) {
  return useInfiniteQuery({
    queryKey: ['admin-account-contacts', id],
    queryFn: ({ pageParam, signal }) => api.get<{ items: AccountContact[]; nextCursor: number | null }>(withQuery('/api/contacts', { accountId: id, after: pageParam, limit: 50 }), signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The answer carries the new account's Customer Identifier, to be shown at once. */
export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<AdminAccount>('/api/admin/accounts', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

export function useRenameAccount(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.patch<AdminAccount>(`/api/admin/accounts/${id}`, { name }),
    onSuccess: (account) => {
      queryClient.setQueryData(accountKey(id), account);
      return queryClient.invalidateQueries({ queryKey: LIST_KEY });
    },
  });
}

/** Sets the account's second-factor rule; the account, the list and who meets the rule are read again. */
export function useSetSecondFactorPolicy(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: SecondFactorPolicy) => api.put<{ id: number; secondFactorPolicy: SecondFactorPolicy }>(`/api/accounts/${id}/second-factor-policy`, { policy }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKey(id) }),
        queryClient.invalidateQueries({ queryKey: LIST_KEY }),
        queryClient.invalidateQueries({ queryKey: ['admin-account-contacts', id] }),
      ]),
  });
}

/** Lets the account's own administrators manage its single sign-on provider, or stops them. */
export function useSetSsoSelfService(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (allowed: boolean) => api.put<AdminAccount>(`/api/admin/accounts/${id}/sso-self-service`, { allowed }),
    onSuccess: (account) => queryClient.setQueryData(accountKey(id), account),
  });
}
