import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('a chart’s table as CSV', () => {
  it('starts with a byte order mark, quotes what must be quoted and ends lines with CRLF', () => {
    expect(toCsv(['製品', 'Count'], [['Sentinel "LDK", 8', 3], ['Gateway', 0]])).toBe('\uFEFF製品,Count\r\n"Sentinel ""LDK"", 8",3\r\nGateway,0\r\n');
  });

  it('keeps a cell that a spreadsheet would run as a formula as text', () => {
    expect(toCsv(['Comment'], [['=HYPERLINK("x")'], ['-1'], ['plain']])).toBe('\uFEFFComment\r\n"\'=HYPERLINK(""x"")"\r\n\'-1\r\nplain\r\n');
  });
});
