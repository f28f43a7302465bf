import { describe, expect, it } from 'vitest';
import { presetPeriod, todayIn } from './period.ts';

describe('dashboard periods', () => {
  // Monday 7 December 2026, 00:30 in Tokyo; still Sunday 6 December in London.
  const now = Date.parse('2026-12-07T00:30:00+09:00');

  it('takes today from the viewer’s time zone', () => {
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-12-07');
    expect(todayIn('Europe/London', now)).toBe('2026-12-06');
  });

  it('ends a preset today and counts today as its last day', () => {
    expect(presetPeriod('30d', 'Asia/Tokyo', now)).toEqual({ from: '2026-11-08', to: '2026-12-07' });
    expect(presetPeriod('12m', 'Asia/Tokyo', now)).toEqual({ from: '2025-12-08', to: '2026-12-07' });
  });
});
