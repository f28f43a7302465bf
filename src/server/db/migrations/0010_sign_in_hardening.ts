import type { Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Columns for the hardened sign-in (issue 17): temporary passwords that expire and work once,
 * second-factor failures counted per account and per sign-in, and the moment a session last proved
 * the password and the second factor (for changes that need a recent sign-in).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const bigint = bigIntType(db);
  await db.schema.alterTable('people').addColumn('password_expires_at', bigint).execute();
  await db.schema.alterTable('people').addColumn('second_factor_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sessions').addColumn('authenticated_at', bigint).execute();
  await db.schema.alterTable('sessions').addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Temporary passwords handed out before this migration get the lifetime new ones have, from now.
  await db.updateTable('people').set({ password_expires_at: Date.now() + 7 * DAY }).where('password_must_change', '=', 1).execute();
}
