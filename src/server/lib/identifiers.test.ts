import { describe, expect, it } from 'vitest';
import { formatCustomerIdentifier, formatNumber, generateCustomerIdentifier, IDENTIFIER_ALPHABET, normalizeCustomerIdentifier } from './identifiers.ts';

describe('Customer Identifier', () => {
  it('has 10 characters from an alphabet without 0, O, 1, I or L', () => {
    for (let i = 0; i < 200; i++) {
      const id = generateCustomerIdentifier();
      expect(id).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    }
    expect(IDENTIFIER_ALPHABET).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
  });

  it('is shown grouped as XXXXX-XXXXX', () => {
    expect(formatCustomerIdentifier('ABCDE23456')).toBe('ABCDE-23456');
  });

  it('is accepted with or without the dash, with spaces, and in any case', () => {
    expect(normalizeCustomerIdentifier('ABCDE-23456')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier('abcde-23456')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier('abcde23456')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier(' abcde 23456 ')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier('AB-CDE 2345\t6')).toBe('ABCDE23456');
    expect(normalizeCustomerIdentifier(formatCustomerIdentifier('Z9Y8X7W6V5'))).toBe('Z9Y8X7W6V5');
  });

  it('refuses wrong lengths', () => {
    expect(normalizeCustomerIdentifier('ABCDE-2345')).toBeNull();
    expect(normalizeCustomerIdentifier('ABCDE-234567')).toBeNull();
    expect(normalizeCustomerIdentifier('- - - - - -')).toBeNull();
    expect(normalizeCustomerIdentifier('')).toBeNull();
  });

  it.each(['0', 'O', 'o', '1', 'I', 'i', 'L', 'l', '_', 'Ä'])('refuses "%s", which is not in the alphabet', (character) => {
    expect(normalizeCustomerIdentifier(`ABCDE-2345${character}`)).toBeNull();
    expect(normalizeCustomerIdentifier(`${character}BCDE-23456`)).toBeNull();
  });
});

describe('document numbers', () => {
  it('are a prefix and seven digits', () => {
    expect(formatNumber('REG', 1)).toBe('REG0000001');
    expect(formatNumber('CS', 123)).toBe('CS0000123');
    expect(formatNumber('KB', 9_999_999)).toBe('KB9999999');
    expect(formatNumber('CS', 12_345_678)).toBe('CS12345678');
  });
});
