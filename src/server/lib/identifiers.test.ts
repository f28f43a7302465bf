import { describe, expect, it } from 'vitest';
import { formatCustomerIdentifier, formatNumber, generateCustomerIdentifier, IDENTIFIER_ALPHABET, normalizeCustomerIdentifier } from './identifiers.ts';

describe('Customer Identifier', () => {
  it('has 10 characters from an alphabet without 0, O, 1, I or L', () => {
    for (let i = 0; i < 200; i++) {
      const id = generateCustomerIdentifier();
      expect(id).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    }
    expect(IDENTIFIER_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('is shown grouped as XXXXX-XXXXX', () => {
    expect(formatCustomerIdentifier('ABCDE23456')).toBe('ABCDE-23456');
  });

  it('is accepted with or without the dash and in any case', () => {
    expect(normalizeCustomerIdentifier('ABCDE-23456')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier('abcde-23456')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier('abcde23456')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier(' abcde 23456 ')).toBe('ABCDE23456');
  });

  it('refuses wrong lengths and ambiguous letters', () => {
    expect(normalizeCustomerIdentifier('ABCDE-2345')).toBeNull();
    expect(normalizeCustomerIdentifier('ABCDE-234567')).toBeNull();
    expect(normalizeCustomerIdentifier('ABCDE-2345O')).toBeNull();
    expect(normalizeCustomerIdentifier('ABCDE-2345I')).toBeNull();
    expect(normalizeCustomerIdentifier('')).toBeNull();
  });
});

describe('document numbers', () => {
  it('are a prefix and seven digits', () => {
    expect(formatNumber('REG', 1)).toBe('REG0000001');
    expect(formatNumber('CS', 123)).toBe('CS0000123');
  });
});
