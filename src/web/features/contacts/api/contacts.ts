import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { SecondFactorPolicy } from '../../../../shared/second-factor-policies.ts';
import type { ContactSecondFactor } from '../../../components/FactorCompliance.tsx';
import { api, request, withQuery } from '../../../lib/api.ts';

export type ContactRole = 'approver' | 'account_admin';

export type Contact = {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  roles: ContactRole[];
  active: boolean;
  lastLoginAt: number | null;
  /** The viewer themselves, whom they cannot deactivate. */
  isViewer: boolean;
};

/** A contact as the list shows them: with what they set up against the account's second-factor rule. */
export type ListedContact = Contact & { secondFactor: ContactSecondFactor };

type ContactPage = {
  /** `ssoSelfService`: the vendor lets the account's administrators manage its single sign-on here. */
  account: { id: number; name: string; secondFactorPolicy: SecondFactorPolicy; ssoSelfService: boolean };
  items: ListedContact[];
  nextCursor: number | null;
};

const LIST_KEY = ['contacts'] as const;

/** The contacts of the viewer's account in the order they joined, 50 at a time (keyset paging). */
export function useContacts() {
  return useInfiniteQuery({
    queryKey: LIST_KEY,
    queryFn: ({ pageParam, signal }) => api.get<ContactPage>(withQuery('/api/contacts', { after: pageParam, limit: 50 }), signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export type ContactChange =
  | { kind: 'deactivate' | 'reactivate' }
  | { kind: 'grant' | 'revoke'; role: ContactRole };

function send(id: number, change: ContactChange): Promise<Contact> {
  switch (change.kind) {
    case 'deactivate':
    case 'reactivate':
      return api.post<Contact>(`/api/contacts/${id}/${change.kind}`);
    case 'grant':
      return request<Contact>(`/api/contacts/${id}/roles/${change.role}`, { method: 'PUT' });
    case 'revoke':
      return request<Contact>(`/api/contacts/${id}/roles/${change.role}`, { method: 'DELETE' });
  }
}

/** One change to one contact; the answer replaces the contact's row in the list at once. */
export function useChangeContact(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ContactChange) => send(id, change),
    onSuccess: (contact) => {
      queryClient.setQueryData<InfiniteData<ContactPage>>(LIST_KEY, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === contact.id ? { ...item, ...contact } : item)) })) },
      );
    },
    // Someone else may have changed the account meanwhile: show it as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

/**
 * Sets the account's second-factor rule. The list is read again: it shows who meets the new rule,
 * and the viewer's own session may now have to set up a factor (a 401 then re-reads the session).
 */
export function useSetSecondFactorPolicy(accountId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: SecondFactorPolicy) => request(`/api/accounts/${accountId}/second-factor-policy`, { method: 'PUT', body: { policy } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
  });
}
