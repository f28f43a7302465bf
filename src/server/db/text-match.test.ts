import { describe, expect, it } from 'vitest';
import { containsPattern } from './text-match.ts';

describe('containsPattern', () => {
  it('wraps the lower-cased text in wildcards and makes typed wildcards and backslashes literal', () => {
    expect(containsPattern('Sentinel')).toBe('%sentinel%');
    expect(containsPattern('100%_ok\\')).toBe('%100\\%\\_ok\\\\%');
  });
});
