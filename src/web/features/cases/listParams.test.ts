import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, nextSort, QUEUE_SORT, sortFrom, sortParams, stateFrom } from './listParams.ts';

describe('sorting and filtering case lists', () => {
  it('sorts newest update first unless asked otherwise', () => {
    expect(sortFrom(new URLSearchParams(''))).toEqual({ column: 'updated', direction: 'desc' });
    expect(sortFrom(new URLSearchParams('sort=priority'))).toEqual({ column: 'priority', direction: 'asc' });
    expect(sortFrom(new URLSearchParams('sort=number&dir=asc'))).toEqual({ column: 'number', direction: 'asc' });
    expect(sortFrom(new URLSearchParams('sort=subject'))).toEqual({ column: 'updated', direction: 'desc' });
  });

  it('turns the order of the sorted column round, and starts another column most urgent first', () => {
    expect(nextSort({ column: 'updated', direction: 'desc' }, 'updated')).toEqual({ column: 'updated', direction: 'asc' });
    expect(nextSort({ column: 'updated', direction: 'desc' }, 'priority')).toEqual({ column: 'priority', direction: 'asc' });
    expect(nextSort({ column: 'priority', direction: 'asc' }, 'number')).toEqual({ column: 'number', direction: 'desc' });
  });

  it('accepts only known states', () => {
    expect(stateFrom(new URLSearchParams('state=resolved'))).toBe('resolved');
    expect(stateFrom(new URLSearchParams('state=reopened'))).toBeUndefined();
  });
});

describe('The Queue’s order', () => {
  it('starts with what breaches first and keeps that default out of the address', () => {
    expect(sortFrom(new URLSearchParams(), QUEUE_SORT)).toEqual({ column: 'due', direction: 'asc' });
    expect(sortParams(QUEUE_SORT, QUEUE_SORT)).toEqual({});
    expect(sortParams(DEFAULT_SORT, QUEUE_SORT)).toEqual({ sort: 'updated', dir: 'desc' });
    expect(sortFrom(new URLSearchParams('sort=due&dir=desc'))).toEqual({ column: 'due', direction: 'desc' });
  });
});
