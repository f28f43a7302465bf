import type { Language } from '../../../../shared/reference.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export type RegistrationState = 'requested' | 'approved' | 'rejected';
export type AdminRegistration = {
  number: string;
  state: RegistrationState;
  accountId: number;
  accountName: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
};
export type HelpRequest = { id: number; name: string; email: string; company: string; message: string; language: Language; createdAt: number };
type Page<T> = { items: T[]; nextCursor: string | null };

/** Requests of every account, newest first; `state` null means every state. */
export function useAllRegistrations(state: RegistrationState | null) {
  return useInfiniteQuery({
    queryKey: ['admin-registrations', state],
    queryFn: ({ pageParam, signal }) => api.get<Page<AdminRegistration>>(withQuery('/api/admin/registration-requests', { state, cursor: pageParam, limit: 25 }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useHelpRequests() {
  return useInfiniteQuery({
    queryKey: ['admin-registration-help'],
    queryFn: ({ pageParam, signal }) => api.get<Page<HelpRequest>>(withQuery('/api/admin/registration-help', { cursor: pageParam, limit: 25 }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
