/**
 * The structure of the Portal Help text. The English and Japanese texts (content.en.ts, content.ja.ts)
 * share it; the page picks one by the current language.
 *
 * Inline marks in a text:
 * - `[[i18n.key]]` — a label of the portal's screens, taken from the messages so it always matches;
 * - `**text**` — a label or term shown in bold that has no message of its own;
 * - `` `text` `` — something the portal writes literally, such as a mail subject or a case number;
 * - `[text](/path)` — a link to another page of the portal.
 */
export type HelpBlock =
  | { kind: 'p'; text: string }
  | { kind: 'ul'; items: string[] }
  | { kind: 'ol'; items: string[] }
  | { kind: 'h3'; text: string };

export type HelpSection = { id: string; title: string; blocks: HelpBlock[] };

export type HelpContent = { intro: string; sections: HelpSection[] };

export const p = (text: string): HelpBlock => ({ kind: 'p', text });
export const ul = (...items: string[]): HelpBlock => ({ kind: 'ul', items });
export const ol = (...items: string[]): HelpBlock => ({ kind: 'ol', items });
export const h3 = (text: string): HelpBlock => ({ kind: 'h3', text });

/** `[[key]]`, `**bold**`, `` `code` `` and `[text](/path)`, in this order of the capture groups. */
export const MARKS = /\[\[([\w.]+)\]\]|\*\*(.+?)\*\*|`(.+?)`|\[([^\]]+)\]\((\/[^)\s]*)\)/g;

/** The keys of screen labels a help text names, for the test that checks they exist. */
export function labelKeys(text: string): string[] {
  return [...text.matchAll(MARKS)].flatMap((match) => (match[1] ? [match[1]] : []));
}
