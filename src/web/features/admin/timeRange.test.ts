import { describe, expect, it } from 'vitest';
import { startOfDay } from './timeRange.ts';

describe('startOfDay', () => {
  it('is midnight in the viewer’s zone, not the browser’s', () => {
    expect(startOfDay('2026-11-24', 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 23, 15));
    expect(startOfDay('2026-11-24', 'America/New_York')).toBe(Date.UTC(2026, 10, 24, 5));
    expect(startOfDay('2026-11-24', 'Asia/Tokyo', true)).toBe(Date.UTC(2026, 10, 24, 15));
  });

  it('follows a daylight-saving change', () => {
    expect(startOfDay('2026-03-29', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(startOfDay('2026-03-30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 22));
  });

  it('gives nothing for what is not a date', () => {
    expect(startOfDay('', 'Asia/Tokyo')).toBeUndefined();
    expect(startOfDay('24/11/2026', 'Asia/Tokyo')).toBeUndefined();
  });
});
