import { describe, expect, it } from 'vitest';
import { formatDateTime, formatFileSize } from './format.ts';

describe('formatting for people', () => {
  it('shows a moment in the viewer’s time zone, not the browser’s', () => {
    const moment = Date.UTC(2025, 10, 24, 6, 4);
    expect(formatDateTime(moment, 'en', 'Asia/Tokyo')).toContain('3:04');
    expect(formatDateTime(moment, 'en', 'Europe/Berlin')).toContain('7:04');
  });

  it('writes a moment the way each language reads it, naming the zone', () => {
    const moment = Date.UTC(2026, 11, 6, 2, 41);
    expect(formatDateTime(moment, 'ja', 'Asia/Tokyo')).toBe('2026/12/06 11:41 JST');
    expect(formatDateTime(moment, 'en', 'UTC')).toBe('Dec 6, 2026, 2:41 AM UTC');
  });

  it('falls back to the browser’s zone for a zone it does not know', () => {
    expect(() => formatDateTime(0, 'en', 'Mars/Olympus')).not.toThrow();
  });

  it('names file sizes in bytes, kB and MB', () => {
    expect(formatFileSize(512, 'en')).toBe('512 bytes');
    expect(formatFileSize(1536, 'en')).toBe('1.5 kB');
    expect(formatFileSize(25 * 1024 * 1024, 'en')).toBe('25 MB');
  });
});
