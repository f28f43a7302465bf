import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type TermsSettings = { version: string; textEn: string; textJa: string };
export type ContactSettings = { company: string; email: string; phone: string; hours: string; address: string };
export type AdminSettings = {
  terms: TermsSettings;
  contact: ContactSettings;
  /** `hours` is the administrators' wait; null means the installation's `defaultDays` applies. */
  autoClose: { hours: number | null; defaultDays: number; effectiveHours: number };
  /** Texts still as shipped with Caseway, which the page asks to replace. */
  samples: { terms: boolean; contact: boolean };
};

const KEY = ['admin-settings'] as const;

/** GET /api/admin/settings: the settings in force. */
export function useAdminSettings() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<AdminSettings>('/api/admin/settings', signal) });
}

function useSaveSection<Body>(path: string, alsoChanged: readonly unknown[][] = []) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api.put<AdminSettings>(path, body),
    onSuccess: async (settings) => {
      queryClient.setQueryData(KEY, settings);
      await Promise.all(alsoChanged.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export const useSaveTerms = () => useSaveSection<TermsSettings>('/api/admin/settings/terms');
/** "Contact Us" reads the same details, so its cached copy is refreshed. */
export const useSaveContact = () => useSaveSection<ContactSettings>('/api/admin/settings/contact', [['portal', 'contact']]);
export const useSaveAutoClose = () => useSaveSection<{ hours: number | null }>('/api/admin/settings/auto-close');
