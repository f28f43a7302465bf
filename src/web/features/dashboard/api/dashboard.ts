import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export type OpenState = 'new' | 'work_in_progress' | 'awaiting_info' | 'resolved';
export type TargetFigures = { targetMinutes: number | null; reached: number; met: number; medianMinutes: number | null };

/** The figures GET /api/dashboard answers (see dashboard.schemas.ts on the server). */
export type Dashboard = {
  account: { id: number; name: string } | null;
  period: { from: string; to: string; timeZone: string };
  openCases: {
    total: number;
    byState: { state: OpenState; count: number }[];
    byPriority: { priority: number; count: number }[];
    byProduct: { productId: number | null; productName: string | null; count: number }[];
  };
  weeks: { weekStart: string; opened: number; closed: number }[];
  targets: { priority: number; firstResponse: TargetFigures; resolution: TargetFigures }[];
  surveys: {
    weeks: { weekStart: string; answered: number; averageSatisfaction: number | null }[];
    latestComments: { caseNumber: string; accountName: string; answeredAt: number; satisfaction: number | null; comment: string }[];
  };
};

/** `account`: an id or `all` (vendor administrators); left out, the viewer's own account. */
export type DashboardRequest = { account?: string; from: string; to: string };

export function useDashboard(request: DashboardRequest) {
  return useQuery({
    queryKey: ['dashboard', request],
    queryFn: ({ signal }) => api.get<Dashboard>(withQuery('/api/dashboard', { account: request.account, from: request.from, to: request.to }), signal),
    // A new period or account keeps the last figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

type AccountOption = { id: number; name: string };

/** Accounts whose name matches `q`, for the vendor's account picker (the first 25). */
export function useAccountOptions(q: string) {
  return useQuery({
    queryKey: ['dashboard-accounts', q],
    queryFn: ({ signal }) => api.get<{ items: AccountOption[] }>(withQuery('/api/admin/accounts', { q, limit: 25 }), signal),
    placeholderData: keepPreviousData,
  });
}
