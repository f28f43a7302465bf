import { useState } from 'react';

/**
 * Keyset paging forwards and back: the server gives each page the cursor of the next one, and the
 * cursors of the pages seen so far are kept as a stack for "Previous page". Changing the filters
 * or the order (`listKey`) starts again at the first page.
 */
export type CursorStack = { listKey: string; cursors: string[] };

export function currentStack(state: CursorStack, listKey: string): string[] {
  return state.listKey === listKey ? state.cursors : [];
}

export function pushCursor(state: CursorStack, listKey: string, cursor: string): CursorStack {
  return { listKey, cursors: [...currentStack(state, listKey), cursor] };
}

export function popCursor(state: CursorStack, listKey: string): CursorStack {
  return { listKey, cursors: currentStack(state, listKey).slice(0, -1) };
}

export function useCursorPages(listKey: string) {
  const [state, setState] = useState<CursorStack>({ listKey, cursors: [] });
  const cursors = currentStack(state, listKey);
  return {
    /** The cursor of the page shown; undefined on the first page. */
    cursor: cursors.at(-1),
    /** 1 on the first page. */
    page: cursors.length + 1,
    next: (cursor: string) => setState((s) => pushCursor(s, listKey, cursor)),
    previous: () => setState((s) => popCursor(s, listKey)),
  };
}
