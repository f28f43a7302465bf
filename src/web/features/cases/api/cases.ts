import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { ACTIVITY_PAGE_SIZE } from '../../../../shared/reference.ts';
import type { Survey } from '../../../components/SurveyAnswers.tsx';
import { api, withQuery, type UploadOptions } from '../../../lib/api.ts';

export const CASE_STATES = ['new', 'work_in_progress', 'awaiting_info', 'resolved', 'closed', 'cancelled'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const FINAL_STATES: readonly CaseState[] = ['closed', 'cancelled'];
export type CaseType = 'product_issue' | 'portal_issue';
export const PRIORITIES = [1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

export type Product = { id: number; name: string; active: boolean };
export type PersonRef = { id: number; name: string };

/** A row of My Cases and of the queue. */
export type CaseSummary = {
  number: string;
  productName: string | null;
  subject: string;
  priority: number;
  state: CaseState;
  accountName: string;
  contactName: string;
  assignee: PersonRef | null;
  updatedAt: number;
  createdAt: number;
  /** The earliest SLA due time still owed; null when none is. */
  slaDueAt: number | null;
  slaBreached: boolean;
  /** Clock minutes until that due time, negative once passed, by the server's clock. */
  slaMinutesLeft: number | null;
};

export type SlaStatus = 'running' | 'paused' | 'breached' | 'met' | 'missed' | 'stopped';
/** One SLA target's clock on the case page. */
export type SlaTarget = { status: SlaStatus; dueAt: number | null; reachedAt: number | null; minutesLeft: number };

/** `total`: how many cases the filters select, over every page; `totalCapped`: more than that (the server stops counting at 1,000). */
export type CasePage = { items: CaseSummary[]; nextCursor: string | null; total: number; totalCapped: boolean };

export type Attachment = { id: number; name: string; size: number; contentType: string; uploadedBy: string; createdAt: number };

/** A file uploaded before the case or comment it belongs to is sent. */
export type StagedAttachment = { id: number; name: string; size: number };

export type ActivityKind = 'created' | 'comment' | 'work_note' | 'state_change' | 'attachment' | 'priority_change' | 'assignment' | 'follow_up' | 'sla_recomputed';

/** One entry of "Case Activity". `detail` says more about some kinds (see ActivityEntry). */
export type Activity = {
  id: number;
  kind: ActivityKind;
  author: { name: string; staff: boolean } | null;
  body: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  attachment: Attachment | null;
  /** Files sent with this comment, note or new case. */
  attachments: Attachment[];
  detail: Record<string, unknown>;
  createdAt: number;
};

/** The actions a case page may offer; the server lists the ones the viewer may take now. */
export type CaseAction =
  | 'customer_comment'
  | 'agent_comment'
  | 'work_note'
  | 'add_attachment'
  | 'accept_solution'
  | 'reject_solution'
  | 'customer_close'
  | 'follow_up'
  | 'start_work'
  | 'assign'
  | 'request_info'
  | 'propose_solution'
  | 'agent_close'
  | 'cancel'
  | 'change_priority';

export type CaseDetail = CaseSummary & {
  type: CaseType;
  description: string;
  productId: number | null;
  contact: { id: number; name: string; email: string };
  followUpOf: string | null;
  followUps: string[];
  resolvedAt: number | null;
  closedAt: number | null;
  attachments: Attachment[];
  pendingSurveyId: number | null;
  allowed: string[];
  /** Null where no target applies to the case's priority. */
  sla: { firstResponse: SlaTarget | null; resolution: SlaTarget | null };
  /** For customers, whose page lists them; null for support staff. */
  watchers: Watchers | null;
  /** Case Activity, when asked for with the case (`with=activity`). */
  activity: { items: Activity[] } | null;
};

/** The body of POST /api/cases. */
export type NewCase = {
  type: CaseType;
  productId: number | null;
  priority: number;
  subject: string;
  description: string;
  attachmentIds: number[];
  followUpOf?: string;
};

export type SortColumn = 'updated' | 'number' | 'priority' | 'due';
export type SortDirection = 'asc' | 'desc';

/** The filters, order and page of My Cases and of the queue (GET /api/cases, GET /api/queue). */
export type CaseListQuery = {
  scope?: 'mine' | 'account' | 'following';
  state?: CaseState;
  open?: 'open' | 'closed';
  q?: string;
  sort: SortColumn;
  direction: SortDirection;
  priority?: number;
  productId?: number;
  accountId?: number;
  assignee?: 'me' | 'none';
  /** Days (YYYY-MM-DD) of the last update, in the viewer's time zone. */
  updatedFrom?: string;
  updatedTo?: string;
  cursor?: string;
  limit?: number;
};

/** New activity shows up without a reload: the time line asks for newer entries this often. */
export const POLL_MS = 5_000;

const caseKey = (number: string) => ['case', number] as const;
const activityKey = (number: string) => ['case', number, 'activity'] as const;
const casePath = (number: string) => `/api/cases/${encodeURIComponent(number)}`;

/** After a change: the case, its time line and every list it appears in. */
function refreshCase(queryClient: QueryClient, number: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKey(number) }),
    queryClient.invalidateQueries({ queryKey: ['cases'] }),
    queryClient.invalidateQueries({ queryKey: ['queue'] }),
  ]);
}

/** Active products whose name contains the text, for the "Product" field and the queue filter. */
export function useProducts(text: string) {
  return useQuery({
    queryKey: ['products', text],
    queryFn: ({ signal }) => api.get<{ items: Product[] }>(withQuery('/api/products', { q: text, limit: 50 }), signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** A customer account as the queue's filter names it. */
export type AccountRef = { id: number; name: string };

/** Accounts whose name contains the text, for the queue's "Account" filter (staff only). */
export function useAccountSearch(text: string) {
  return useQuery({
    queryKey: ['accounts', text],
    queryFn: ({ signal }) => api.get<{ items: AccountRef[] }>(withQuery('/api/accounts', { q: text, limit: 20 }), signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The name of the account a filter in the address names; undefined asks nothing. */
export function useAccountName(id: number | undefined) {
  return useQuery({
    queryKey: ['account', id],
    queryFn: ({ signal }) => api.get<AccountRef>(`/api/accounts/${id}`, signal),
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export type Agent = { id: number; name: string };

/** Active agents for "Assign to"; staff only, and they change rarely. */
export function useAgents(enabled: boolean) {
  return useQuery({
    queryKey: ['agents'],
    queryFn: ({ signal }) => api.get<{ items: Agent[] }>('/api/agents', signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCase) => api.post<{ number: string }>('/api/cases', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

/** Uploads a file before the case exists; the case claims it by id when it is sent. */
export function useStageAttachment() {
  return useMutation({ mutationFn: ({ file, options }: { file: File; options?: UploadOptions }) => api.upload<StagedAttachment>('/api/attachments', file, options) });
}

/** One page of My Cases (`cases`) or of the agents' queue (`queue`); the previous page stays shown while the next loads. */
export function useCaseList(source: 'cases' | 'queue', query: CaseListQuery, enabled = true) {
  return useQuery({
    queryKey: [source, query],
    queryFn: ({ signal }) => api.get<CasePage>(withQuery(`/api/${source}`, query), signal),
    enabled,
    placeholderData: keepPreviousData,
    // New cases reach the queue from every account; it keeps itself current.
    refetchInterval: source === 'queue' ? 30_000 : false,
  });
}

export function useCase(number: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: caseKey(number),
    queryFn: async ({ signal }) => {
      // The first read brings the time line too, so the page opens with one request; later reads
      // (after a change, or when new activity arrived) leave it to the time line's own polling.
      const first = queryClient.getQueryData(activityKey(number)) === undefined;
      const kase = await api.get<CaseDetail>(withQuery(casePath(number), { with: first ? 'activity' : undefined }), signal);
      // A customer's case comes with its watchers: the panel shows them without a request of its own.
      if (kase.watchers) queryClient.setQueryData(watchersKey(number), kase.watchers);
      // A time line of a full answer may go on: the time line reads it whole itself.
      if (kase.activity && kase.activity.items.length < ACTIVITY_PAGE_SIZE) queryClient.setQueryData(activityKey(number), kase.activity.items);
      return kase;
    },
  });
}

/**
 * "Case Activity", oldest first, kept current by polling: each poll asks only for entries after
 * the last one known. When something new arrives the case itself is read again, as its state,
 * priority or attachments may have changed with it.
 */
export function useCaseActivity(number: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: activityKey(number),
    queryFn: async ({ signal }) => {
      const known = queryClient.getQueryData<Activity[]>(activityKey(number)) ?? [];
      let entries = known;
      for (;;) {
        const after = entries.at(-1)?.id;
        const page = await api.get<{ items: Activity[] }>(withQuery(`${casePath(number)}/activity`, { after }), signal);
        if (page.items.length === 0) break;
        entries = [...entries, ...page.items];
        if (page.items.length < ACTIVITY_PAGE_SIZE) break;
      }
      if (known.length > 0 && entries !== known) void queryClient.invalidateQueries({ queryKey: caseKey(number), exact: true });
      return entries;
    },
    refetchInterval: POLL_MS,
    // Fresh as long as a poll's interval: what came with the case is not read again at once.
    staleTime: POLL_MS,
  });
}

export type CaseActionRequest =
  | { path: 'comments'; body: { body: string; workNote: boolean; attachmentIds?: number[] } }
  | { path: 'accept' | 'start'; body?: undefined }
  | { path: 'reject'; body: { comment: string } }
  | { path: 'close'; body: { comment?: string; notes?: string } }
  | { path: 'assign'; body: { assigneeId: number | null } }
  | { path: 'request-info' | 'cancel'; body: { comment: string } }
  | { path: 'propose-solution'; body: { solution: string } }
  | { path: 'priority'; body: { priority: number } };

/** One action on the case (Send, Accept Solution, Start work…); afterwards the page shows the case as it is now. */
export function useCaseAction(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: CaseActionRequest) => api.post<{ number: string }>(`${casePath(number)}/${action.path}`, action.body),
    // Also after an error: someone else may have changed the case first.
    onSettled: () => refreshCase(queryClient, number),
  });
}

/** A person following a case (CC), or a colleague who could. */
export type Watcher = { id: number; name: string; email: string };
export type Watchers = { items: Watcher[]; candidates: Watcher[]; canManage: boolean };

const watchersKey = (number: string) => ['case', number, 'watchers'] as const;

/** Who follows the case (CC), and whom the viewer may add. */
export function useWatchers(number: string) {
  // Fresh as long as the case is: each read of the case brings them (useCase), each change answers them.
  return useQuery({ queryKey: watchersKey(number), queryFn: ({ signal }) => api.get<Watchers>(`${casePath(number)}/watchers`, signal), staleTime: Infinity });
}

/** Adds (a person id) or removes ({ remove: id }) a watcher; the answer is the list as it now stands. */
export function useChangeWatchers(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { add: number } | { remove: number }) =>
      'add' in change ? api.post<Watchers>(`${casePath(number)}/watchers`, { personId: change.add }) : api.delete<Watchers>(`${casePath(number)}/watchers/${change.remove}`),
    onSuccess: (watchers) => queryClient.setQueryData(watchersKey(number), watchers),
  });
}

/** A file dropped on the case page, attached to the case at once. */
export function useCaseUpload(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, options }: { file: File; options?: UploadOptions }) => api.upload<StagedAttachment>(`${casePath(number)}/attachments`, file, options),
    onSettled: () => refreshCase(queryClient, number),
  });
}

/** The satisfaction survey of a closed case and its answers (staff only); null before the case closed. */
export function useCaseSurvey(number: string, enabled: boolean) {
  return useQuery({
    queryKey: [...caseKey(number), 'survey'],
    queryFn: ({ signal }) => api.get<Survey | null>(`${casePath(number)}/survey`, signal),
    enabled,
  });
}

/**
 * Knowledge articles that may answer the subject being typed on "Create Case": once the subject
 * has rested for 300 ms and has at least two characters, the five best matches.
 */
export function useKnowledgeSuggestions(subject: string): { number: string; title: string }[] {
  const [debounced] = useDebouncedValue(subject.trim(), 300);
  const suggestions = useQuery({
    queryKey: ['kb', 'search', { q: debounced, limit: 5 }],
    queryFn: ({ signal }) => api.get<{ items: { number: string; title: string }[] }>(withQuery('/api/kb/search', { q: debounced, limit: 5 }), signal),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  if (debounced.length < 2) return [];
  return (suggestions.data?.items ?? []).map(({ number, title }) => ({ number, title }));
}
