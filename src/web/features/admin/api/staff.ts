import type { Language, OtpMethod } from '../../../../shared/reference.ts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export type StaffRole = 'agent' | 'admin';
export type StaffMember = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: StaffRole;
  otpMethod: OtpMethod;
  language: Language;
  timeZone: string;
  active: boolean;
  lastLoginAt: number | null;
  createdAt: number;
};
/** `timeZone` empty or unset: the portal's DEFAULT_TIME_ZONE. */
export type NewStaff = { email: string; firstName: string; lastName: string; role: StaffRole; otpMethod: OtpMethod; language: Language; timeZone?: string };

const KEY = ['admin-staff'] as const;

export function useStaff() {
  return useInfiniteQuery({
    queryKey: KEY,
    queryFn: ({ pageParam, signal }) => api.get<{ items: StaffMember[]; nextCursor: string | null }>(withQuery('/api/admin/staff', { cursor: pageParam, limit: 50 }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The temporary password is in this answer only; the page shows it once. */
export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewStaff) => api.post<{ staff: StaffMember; temporaryPassword: string }>('/api/admin/staff', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export type StaffPreferences = { language: Language; timeZone: string };

/** Sets the language and time zone a staff member reads pages and mails in. */
export function useUpdateStaffPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...preferences }: StaffPreferences & { id: number }) => api.patch<StaffMember>(`/api/admin/staff/${id}`, preferences),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSetStaffActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) => api.post<StaffMember>(`/api/admin/staff/${id}/${active ? 'reactivate' : 'deactivate'}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
