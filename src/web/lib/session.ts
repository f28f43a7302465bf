import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import i18n from 'i18next';
import { personName } from '../../shared/names.ts';
import { api } from './api.ts';

/** Where a sign-in stands; the server moves it on after each step. */
export type Stage = 'anonymous' | 'email_code' | 'totp_verify' | 'factor_required' | 'change_password' | 'totp_pair' | 'terms' | 'active';
export type Role = 'approver' | 'account_admin' | 'agent' | 'admin';

export type Person = {
  id: number;
  kind: 'contact' | 'staff';
  email: string;
  firstName: string;
  lastName: string;
  language: 'en' | 'ja';
  timeZone: string;
  otpMethod: 'email' | 'app';
  roles: Role[];
  account: { name: string; customerIdentifier: string } | null;
};

/** `person` once the second factor is passed; before it, `signIn` holds only the address typed and whether a passkey may stand in for the code. */
export type Session = { stage: Stage; person: Person | null; signIn: { email: string; passkey: boolean } | null; devMailbox: boolean; defaultTimeZone: string };

export const SESSION_KEY = ['session'] as const;

/** GET /api/session, shared by every page: who is signed in and which sign-in step comes next. */
export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: ({ signal }) => api.get<Session>('/api/session', signal),
  staleTime: 30_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Re-reads the session after a sign-in step; resolves once the new stage is known. */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: SESSION_KEY }), [queryClient]);
}

/** Ends the session on the server and forgets everything cached for the person. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    forgetReturnTo();
    try {
      await api.post('/api/auth/logout');
    } finally {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    }
  }, [queryClient]);
}

/** The person's name in the page's language's order (山田 太郎 / Taro Yamada). */
export function fullName(person: Pick<Person, 'firstName' | 'lastName'>): string {
  return personName(person, i18n.language);
}

/** Approvers, account administrators and vendor administrators review registration requests. */
export function canReviewRegistrations(person: Person | null | undefined): boolean {
  return !!person && person.roles.some((role) => role === 'approver' || role === 'account_admin' || role === 'admin');
}

/** Vendor staff (agents and administrators) work the queue; contacts have cases. */
export function isStaff(person: Person | null | undefined): boolean {
  return !!person && person.kind === 'staff';
}

export function isContact(person: Person | null | undefined): boolean {
  return !!person && person.kind === 'contact';
}

/** Vendor administrators manage products, accounts and staff. */
export function isAdmin(person: Person | null | undefined): boolean {
  return isStaff(person) && !!person?.roles.includes('admin');
}

/** Account administrators see every case of their account. */
export function isAccountAdmin(person: Person | null | undefined): boolean {
  return isContact(person) && !!person?.roles.includes('account_admin');
}

const signInPages: Record<Exclude<Stage, 'active'>, string> = {
  anonymous: '/login',
  email_code: '/login',
  totp_verify: '/login/verify',
  factor_required: '/login/required-factor',
  change_password: '/login/change-password',
  totp_pair: '/login/pair',
  terms: '/login/terms',
};

/** The page for a sign-in stage; `active` goes where the person first wanted to go. */
export function pageForStage(stage: Stage): string {
  return stage === 'active' ? (peekReturnTo() ?? '/') : signInPages[stage];
}

const RETURN_KEY = 'caseway.returnTo';

/** Only paths of this site: `//host` or a scheme would make this an open redirect. */
function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !path.startsWith('/login');
}

/** Remembers a protected page across the sign-in steps (several pages, maybe a reload). */
export function rememberReturnTo(path: string): void {
  if (!isLocalPath(path)) return;
  try {
    window.sessionStorage.setItem(RETURN_KEY, path);
  } catch {
    // Without storage the person lands on the home page instead.
  }
}

export function peekReturnTo(): string | null {
  try {
    const path = window.sessionStorage.getItem(RETURN_KEY);
    return path && isLocalPath(path) ? path : null;
  } catch {
    return null;
  }
}

export function forgetReturnTo(): void {
  try {
    window.sessionStorage.removeItem(RETURN_KEY);
  } catch {
    // Nothing to forget.
  }
}

const NOTICE_KEY = 'caseway.signInNotice';

/**
 * Why a sign-in ended on the server (too many wrong codes): the login form it returns to says so.
 * Kept across the page change the ended session causes.
 */
export function rememberSignInNotice(messageKey: string): void {
  try {
    window.sessionStorage.setItem(NOTICE_KEY, messageKey);
  } catch {
    // Without storage the login form shows no reason; the person can still sign in.
  }
}

/** The remembered reason, once: reading it forgets it. */
export function takeSignInNotice(): string | null {
  try {
    const key = window.sessionStorage.getItem(NOTICE_KEY);
    window.sessionStorage.removeItem(NOTICE_KEY);
    return key;
  } catch {
    return null;
  }
}
