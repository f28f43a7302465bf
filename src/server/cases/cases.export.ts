import { stringify } from 'csv-stringify/sync';
import type { Language } from '../db/schema.ts';
import { personName } from '../../shared/names.ts';
import { priorityName } from './cases.emails.ts';
import type { CaseListRow } from './cases.repository.ts';

/** The CSV's columns and labels in the reader's language, as My Cases names them. */
const labels = {
  en: {
    headings: ['Number', 'Short description', 'State', 'Priority', 'Product Name', 'Account', 'Contact', 'Assigned to', 'Opened', 'Updated'],
    states: { new: 'New', work_in_progress: 'Work in Progress', awaiting_info: 'Awaiting Info', resolved: 'Resolved', closed: 'Closed', cancelled: 'Cancelled' },
  },
  ja: {
    headings: ['番号', '件名', '状態', '優先度', '製品名', 'アカウント', 'コンタクト', '担当者', '作成日時', '更新日時'],
    states: { new: '新規', work_in_progress: '対応中', awaiting_info: '情報待ち', resolved: '解決済み', closed: 'クローズ', cancelled: 'キャンセル' },
  },
} satisfies Record<Language, unknown>;

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return before one)
 * gets a leading apostrophe, as OWASP's "CSV Injection" advises: a subject like `=HYPERLINK(…)`
 * shows as text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** UTF-8's byte order mark: Excel then reads the file as UTF-8, Japanese included. */
export const CSV_BOM = '\uFEFF';

export function csvHeader(language: Language): string {
  return CSV_BOM + stringify([labels[language].headings], { record_delimiter: 'windows' });
}

/** Rows of the CSV, times as the reader reads them in their own time zone (2026-12-06 11:41). */
export function csvRows(rows: CaseListRow[], language: Language, timeZone: string): string {
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const name = (first: string | null, last: string | null) => personName({ firstName: first ?? '', lastName: last ?? '' }, language);
  const { states } = labels[language];
  return stringify(
    rows.map((row) =>
      [
        row.number,
        row.subject,
        states[row.state],
        priorityName(row.priority, language),
        row.product_name ?? '',
        row.account_name,
        name(row.contact_first_name, row.contact_last_name),
        row.assignee_id ? name(row.assignee_first_name, row.assignee_last_name) : '',
        time.format(row.created_at),
        time.format(row.updated_at),
      ].map(neutralizeFormula),
    ),
    { record_delimiter: 'windows' },
  );
}
