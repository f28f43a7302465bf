import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export type Mail = { id: number; to: string; subject: string; text: string; state: 'pending' | 'sent' | 'expired' | string; createdAt: number };
type MailPage = { items: Mail[]; nextCursor: number | null };

/** The development outbox, newest first, 50 at a time (`before` is the oldest id shown). */
export function useMailbox() {
  return useInfiniteQuery({
    queryKey: ['dev-mailbox'],
    queryFn: ({ pageParam, signal }) => api.get<MailPage>(withQuery('/api/dev/mailbox', { before: pageParam }), signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
