import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** Business minutes per priority; null: no target of that kind. */
export type SlaTargets = { priority: number; firstResponseMinutes: number | null; resolutionMinutes: number | null };
/** Working hours as HH:MM; an end at or before the start runs past midnight. Sunday first; null: closed. */
export type SlaCalendar = { timeZone: string; hours: Array<{ start: string; end: string } | null>; japaneseHolidays: boolean; closedDates: string[] };
export type SlaSettings = { targets: SlaTargets[]; calendar: SlaCalendar; recomputed: number };

const KEY = ['admin-sla'] as const;

/** GET /api/admin/sla: the service targets and business calendar in force. */
export function useSlaSettings() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<SlaSettings>('/api/admin/sla', signal) });
}

/** Saving moves the due times of open cases: the queue and case pages read them again. */
export function useSaveSla() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<SlaSettings, 'recomputed'>) => api.put<SlaSettings>('/api/admin/sla', body),
    onSuccess: async (settings) => {
      queryClient.setQueryData(KEY, settings);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['cases'] }), queryClient.invalidateQueries({ queryKey: ['queue'] })]);
    },
  });
}
