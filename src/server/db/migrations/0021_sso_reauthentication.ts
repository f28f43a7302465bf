import type { Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/**
 * "Confirm it's you" at the organisation's own provider. A sign-in under way there may belong to a
 * signed-in session that asked to prove itself again (`session_id`, the session's id: the answer
 * counts only in that session) and carries the same-origin path to send the browser back to. A
 * proof at the provider that asserted no second factor stands in for the password only: it is kept
 * in `sso_reproofs`, for the session, until the portal's own second factor follows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const big = bigIntType(db);
  await db.schema.alterTable('sso_sign_ins').addColumn('session_id', 'text').execute();
  await db.schema.alterTable('sso_sign_ins').addColumn('return_to', 'text').execute();
  await db.schema
    .createTable('sso_reproofs')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('proven_at', big, (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .execute();
}
