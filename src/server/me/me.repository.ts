import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** The person's fully signed-in sessions that have neither expired nor gone idle, newest first. */
export function activeSessionsOf(executor: Executor, personId: number, options: { now: number; idleMs: number }) {
  return executor
    .selectFrom('sessions')
    .selectAll()
    .where('person_id', '=', personId)
    .where('stage', '=', 'active')
    .where('expires_at', '>', options.now)
    .where('last_seen_at', '>', options.now - options.idleMs)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Makes the pending authenticator secret the paired one, only while it is still the pending one:
 * of two requests racing with the same code, one wins.
 */
export async function promotePendingSecret(executor: Executor, personId: number, secret: string, step: number, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('people')
    .set({ otp_method: 'app', totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: now })
    .where('id', '=', personId)
    .where('totp_pending_secret', '=', secret)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
