import { describe, expect, it } from 'vitest';
import { EMAIL_FAILURE_THRESHOLD, lockDurationMs } from './lockout.ts';

describe('lockout timing', () => {
  it('lets the first four failures pass without a lock', () => {
    for (let f = 1; f < EMAIL_FAILURE_THRESHOLD; f++) expect(lockDurationMs(f, EMAIL_FAILURE_THRESHOLD)).toBe(0);
  });

  it('locks from the fifth failure, doubling each time', () => {
    expect(lockDurationMs(5, 5)).toBe(30_000);
    expect(lockDurationMs(6, 5)).toBe(60_000);
    expect(lockDurationMs(7, 5)).toBe(120_000);
  });

  it('never locks longer than an hour', () => {
    expect(lockDurationMs(20, 5)).toBe(3_600_000);
    expect(lockDurationMs(1000, 5)).toBe(3_600_000);
  });
});
