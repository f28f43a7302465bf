import { describe, expect, it } from 'vitest';
import { countryLabel, countryOptions } from './countries.ts';

describe('country codes', () => {
  it('are named like the guide shows them, in the viewer’s language', () => {
    expect(countryLabel('JP', 'en')).toBe('Japan +81');
    expect(countryLabel('JP', 'ja')).toBe('日本 +81');
  });

  it('list every country once, with its ISO code as the value', () => {
    const options = countryOptions('en');
    expect(new Set(options.map((option) => option.value)).size).toBe(options.length);
    expect(options).toContainEqual({ value: 'US', label: 'United States +1' });
  });
});
