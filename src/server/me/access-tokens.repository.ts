import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AccessTokensTable, Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

export async function insertAccessToken(executor: Executor, values: Insertable<AccessTokensTable>) {
  return executor.insertInto('access_tokens').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * The person's tokens not revoked, newest first. Expired ones stay listed, so the person sees why
 * an integration stopped; revoked ones are only in the audit trail.
 */
export async function accessTokensOf(executor: Executor, personId: number) {
  return executor
    .selectFrom('access_tokens')
    .selectAll()
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Marks one of the person's own tokens revoked; the person is part of the key, so another's id does nothing. */
export async function revokeAccessTokenOf(executor: Executor, personId: number, id: number, now: number) {
  return executor
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
}
