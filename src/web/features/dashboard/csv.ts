/** UTF-8's byte order mark: Excel then reads the file as UTF-8, Japanese included. */
const BOM = '\uFEFF';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV Injection"). */
const neutralize = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const cell = (value: string | number) => {
  const text = typeof value === 'number' ? String(value) : neutralize(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 text of a table (CRLF line ends), headers first. */
export function toCsv(headers: string[], rows: (string | number)[][]): string {
  return BOM + [headers, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves the table as a file: the figures are already on the page, so no second request is needed. */
export function downloadCsv(fileName: string, headers: string[], rows: (string | number)[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has handed the blob to the download; the URL is not needed any more.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
