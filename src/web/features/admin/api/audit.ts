import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

type PersonRef = { name: string; email: string };

export type AuditEvent = {
  id: number;
  at: number;
  type: string;
  /** Who acted, when someone other than the person concerned did. */
  actor: PersonRef | null;
  person: PersonRef | null;
  email: string | null;
  account: { name: string; customerIdentifier: string } | null;
  ip: string | null;
  detail: Record<string, string>;
};

/** The audit page's filters as the API takes them; times are epoch milliseconds. */
export type AuditFilters = { type?: string; email?: string; account?: string; from?: number; to?: number };

/** Every event type, for the type filter. */
export function useAuditTypes() {
  return useQuery({ queryKey: ['admin-audit-types'], queryFn: ({ signal }) => api.get<{ items: string[] }>('/api/admin/audit/types', signal), staleTime: Infinity });
}

/** The audit trail, newest first, one page after another. */
export function useAuditTrail(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['admin-audit', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: AuditEvent[]; nextCursor: string | null }>(withQuery('/api/admin/audit', { ...filters, cursor: pageParam, limit: 50 }), signal),
    getNextPageParam: (page) => page.nextCursor,
  });
}
