import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** The vendor's contact details; a field the vendor has not configured is an empty string. */
export type ContactDetails = { company: string; email: string; phone: string; hours: string; address: string };

/** GET /api/portal/contact, public. */
export function useContactDetails() {
  return useQuery({
    queryKey: ['portal', 'contact'],
    queryFn: ({ signal }) => api.get<ContactDetails>('/api/portal/contact', signal),
    staleTime: 5 * 60_000,
  });
}

/** True when the vendor has published at least one detail. */
export function hasAnyDetail(details: ContactDetails): boolean {
  return Object.values(details).some((value) => value.trim() !== '');
}
