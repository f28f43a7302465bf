import { describe, expect, it } from 'vitest';
import { nextSort, sortFrom, stateFrom } from './listParams.ts';

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
