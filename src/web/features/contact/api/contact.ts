import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** The vendor's contact details; an empty field is not shown. `sample` until an administrator saves the vendor's own. */
export type ContactDetails = { company: string; email: string; phone: string; hours: string; address: string; sample: boolean };

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
  return [details.company, details.email, details.phone, details.hours, details.address].some((value) => value.trim() !== '');
}
