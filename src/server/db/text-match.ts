import { sql, type RawBuilder } from 'kysely';

/** A LIKE pattern for "contains `text`", lower-cased; `%`, `_` and `\` typed by a person are literal characters. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * `lower(column) like pattern`, case-insensitive for the patterns above. SQLite's lower() folds
 * ASCII letters only (PostgreSQL's every letter), so in SQLite a name written with other capital
 * letters (Ä, É) is found as written; Japanese has no case.
 */
export function lowerLike(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
