import type { ContactDetails, Language, OtpMethod } from '../../../../shared/reference.ts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export type { Language, OtpMethod, PreferredContact } from '../../../../shared/reference.ts';
export type RegistrationState = 'requested' | 'approved' | 'rejected';

/** The body of POST /api/registration/requests. */
export type RegistrationInput = ContactDetails & {
  customerIdentifier: string;
  firstName: string;
  lastName: string;
  email: string;
  otpMethod: OtpMethod;
};

export type RegistrationRequest = ContactDetails & {
  number: string;
  state: RegistrationState;
  accountName: string;
  firstName: string;
  lastName: string;
  email: string;
  otpMethod: OtpMethod;
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  /** Whether the viewer may still approve or reject it. */
  canDecide: boolean;
};

type RegistrationPage = { items: RegistrationRequest[]; nextCursor: number | null };
export type HelpInput = { name: string; email: string; company: string; message: string; language: Language };
type MessageResponse = { message: string; messageKey?: string };

const LIST_KEY = ['registration-requests'] as const;
const requestKey = (number: string) => ['registration-request', number] as const;

export function useSubmitRegistration() {
  return useMutation({
    mutationFn: (input: RegistrationInput) => api.post<{ number: string; state: 'requested' }>('/api/registration/requests', input),
  });
}

export function useRegistrationHelp() {
  return useMutation({ mutationFn: (input: HelpInput) => api.post<MessageResponse>('/api/registration/help', input) });
}

export function useRegistrationRequest(number: string) {
  return useQuery({
    queryKey: requestKey(number),
    queryFn: ({ signal }) => api.get<RegistrationRequest>(`/api/registration/requests/${encodeURIComponent(number)}`, signal),
  });
}

/** Approve or reject; the answer is the updated request, shown at once. */
export function useDecideRegistration(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: 'approve' | 'reject') => api.post<RegistrationRequest>(`/api/registration/requests/${encodeURIComponent(number)}/${decision}`),
    onSuccess: (request) => {
      queryClient.setQueryData(requestKey(number), request);
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
    },
    // Someone else may have decided first: show the request as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: requestKey(number) }),
  });
}

export const REGISTRATION_STATES: readonly RegistrationState[] = ['requested', 'approved', 'rejected'];

/** Newest first, 25 at a time, in one state or all; `nextCursor` is passed back as `after` (keyset paging). */
export function useRegistrationRequests(state: RegistrationState | undefined) {
  return useInfiniteQuery({
    queryKey: [...LIST_KEY, state ?? 'all'],
    queryFn: ({ pageParam, signal }) => api.get<RegistrationPage>(withQuery('/api/registration/requests', { state, after: pageParam, limit: 25 }), signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
