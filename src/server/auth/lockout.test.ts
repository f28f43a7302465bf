import { describe, expect, it } from 'vitest';
import { ADDRESS_FAILURE_THRESHOLD, EMAIL_FAILURE_THRESHOLD, lockDurationMs } from './lockout.ts';

describe('lockout timing', () => {
  it('lets the first four failures of an e-mail address pass without a lock', () => {
    expect(EMAIL_FAILURE_THRESHOLD).toBe(5);
    for (let f = 0; f < EMAIL_FAILURE_THRESHOLD; f++) expect(lockDurationMs(f, EMAIL_FAILURE_THRESHOLD)).toBe(0);
  });

  it('locks from the fifth failure, doubling each time', () => {
    expect(lockDurationMs(5, 5)).toBe(30_000);
    expect(lockDurationMs(6, 5)).toBe(60_000);
    expect(lockDurationMs(7, 5)).toBe(120_000);
  });

  it('gives a client address 19 failures before the first 30-second lock', () => {
    expect(ADDRESS_FAILURE_THRESHOLD).toBe(20);
    expect(lockDurationMs(19, ADDRESS_FAILURE_THRESHOLD)).toBe(0);
    expect(lockDurationMs(20, ADDRESS_FAILURE_THRESHOLD)).toBe(30_000);
    expect(lockDurationMs(21, ADDRESS_FAILURE_THRESHOLD)).toBe(60_000);
  });

  it('never locks longer than an hour', () => {
    expect(lockDurationMs(11, 5)).toBe(1_920_000); // 32 minutes
    expect(lockDurationMs(12, 5)).toBe(3_600_000); // 64 minutes, cut to 60
    expect(lockDurationMs(1000, 5)).toBe(3_600_000);
  });
});
