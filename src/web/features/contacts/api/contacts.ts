import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
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

type ContactPage = { account: { id: number; name: string }; items: Contact[]; nextCursor: number | null };

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
        data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === contact.id ? contact : item)) })) },
      );
    },
    // Someone else may have changed the account meanwhile: show it as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
  });
}
