import { describe, expect, it } from 'vitest';
import { currentStack, popCursor, pushCursor, type CursorStack } from './paging.ts';

describe('keyset paging of case lists', () => {
  const start: CursorStack = { listKey: 'state=new', cursors: [] };

  it('goes forward page by page and back the same way', () => {
    const second = pushCursor(start, 'state=new', 'c2');
    const third = pushCursor(second, 'state=new', 'c3');
    expect(currentStack(third, 'state=new')).toEqual(['c2', 'c3']);
    expect(currentStack(popCursor(third, 'state=new'), 'state=new')).toEqual(['c2']);
    expect(currentStack(popCursor(popCursor(third, 'state=new'), 'state=new'), 'state=new')).toEqual([]);
  });

  it('starts at the first page again when the filters or the order change', () => {
    const second = pushCursor(start, 'state=new', 'c2');
    expect(currentStack(second, 'state=closed')).toEqual([]);
    expect(currentStack(pushCursor(second, 'state=closed', 'x2'), 'state=closed')).toEqual(['x2']);
  });

  it('stays on the first page when asked to go back from it', () => {
    expect(currentStack(popCursor(start, 'state=new'), 'state=new')).toEqual([]);
  });
});
