import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Transaction } from 'kysely';

/** No 0/O and no 1/I/L: a Customer Identifier read over the phone cannot be misheard. */
export const IDENTIFIER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function generateCustomerIdentifier(): string {
  let value = '';
  for (let i = 0; i < 10; i++) value += IDENTIFIER_ALPHABET[randomInt(IDENTIFIER_ALPHABET.length)];
  return value;
}

/** `XXXXX-XXXXX`, the way people see and type it. */
export function formatCustomerIdentifier(stored: string): string {
  return `${stored.slice(0, 5)}-${stored.slice(5)}`;
}

/**
 * Accepts the identifier with or without the dash, spaces, and in any case.
 * Returns the stored form, or null when it cannot be an identifier at all.
 */
export function normalizeCustomerIdentifier(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length !== 10) return null;
  for (const ch of compact) if (!IDENTIFIER_ALPHABET.includes(ch)) return null;
  return compact;
}

type Executor = Db | Transaction<Database>;

/**
 * The next value of a named counter. The row update takes a lock in PostgreSQL and SQLite has one
 * writer, so two processes never get the same number, and a number is never handed out twice.
 */
export async function nextCounterValue(executor: Executor, name: string): Promise<number> {
  await executor.insertInto('counters').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await executor
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** `REG0000001`, `CS0000123`, `KB0000042`. */
export function formatNumber(prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(7, '0')}`;
}
