import { useEffect, useRef } from 'react';
import { useLocation, useNavigationType, useSearchParams } from 'react-router';
import { CASE_STATES, type CaseState, type SortColumn, type SortDirection } from './api/cases.ts';
import type { Sort } from './components/CaseTable.tsx';

/** A new column sorts in its most useful direction first: newest and most urgent on top. */
const FIRST_DIRECTION: Record<SortColumn, SortDirection> = { updated: 'desc', number: 'desc', priority: 'asc', due: 'asc' };

export const DEFAULT_SORT: Sort = { column: 'updated', direction: 'desc' };

/** Clicking the sorted column turns its order round; another column starts in its first direction. */
export function nextSort(current: Sort, column: SortColumn): Sort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: FIRST_DIRECTION[column] };
}

/** The Queue's first order: what breaches its service target first (cases without one after, newest first). */
export const QUEUE_SORT: Sort = { column: 'due', direction: 'asc' };

export function sortFrom(params: URLSearchParams, fallback: Sort = DEFAULT_SORT): Sort {
  const column = params.get('sort');
  const direction = params.get('dir');
  if (column !== 'updated' && column !== 'number' && column !== 'priority' && column !== 'due') return fallback;
  return { column, direction: direction === 'asc' || direction === 'desc' ? direction : FIRST_DIRECTION[column] };
}

export function stateFrom(params: URLSearchParams): CaseState | undefined {
  const state = params.get('state');
  return (CASE_STATES as readonly string[]).includes(state ?? '') ? (state as CaseState) : undefined;
}

/** The sort as address parameters; the default order leaves them out. */
export function sortParams(sort: Sort, fallback: Sort = DEFAULT_SORT): { sort?: string; dir?: string } {
  return sort.column === fallback.column && sort.direction === fallback.direction ? {} : { sort: sort.column, dir: sort.direction };
}

/** Address parameters from values; empty ones are left out. */
export function addressParams(values: Record<string, string | number | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params;
}

/**
 * Identifies a visit of a list page: a new one for each link followed or "Back", the same while
 * the list only writes its filters into the address. Keyed by it, the page starts from the
 * address on each visit and keeps its own state in between.
 */
export function useVisitKey(): string {
  const location = useLocation();
  const type = useNavigationType();
  const key = useRef(location.key);
  if (type !== 'REPLACE') key.current = location.key;
  return key.current;
}

/**
 * Writes the list's filters into the address (replacing it), so "Back" from a case returns to the
 * same list. It compares with the address this render shows, not the browser's: while a case just
 * clicked is opening, the browser is already at the case, and writing then replaced the case's
 * address with the list's (the user stayed on the list).
 */
export function useMirrorToAddress(params: URLSearchParams) {
  const [shown, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const search = params.toString();
  useEffect(() => {
    if (window.location.pathname !== pathname) return;
    if (search !== shown.toString()) setParams(new URLSearchParams(search), { replace: true });
  }, [search, shown, pathname, setParams]);
}
