import type { Language } from '../../../../shared/reference.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export type HelpRequest = { id: number; name: string; email: string; company: string; message: string; language: Language; createdAt: number };
type Page<T> = { items: T[]; nextCursor: string | null };

/** "Get help with registration" requests, newest first. */
export function useHelpRequests() {
  return useInfiniteQuery({
    queryKey: ['admin-registration-help'],
    queryFn: ({ pageParam, signal }) => api.get<Page<HelpRequest>>(withQuery('/api/admin/registration-help', { cursor: pageParam, limit: 25 }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
