import type { Kysely } from 'kysely';
import { addIdColumn, bigIntType } from '../database.ts';

/**
 * Personal access tokens for integrations: a person's own credential for the API, stored only as
 * the SHA-256 of the random token. A revoked token keeps its row so a request with it is told it
 * was revoked rather than that it is unknown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = addIdColumn(db);
  const big = bigIntType(db);
  await db.schema
    .createTable('access_tokens')
    .addColumn('id', id.type, id.build)
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .addColumn('last_used_at', big)
    .addColumn('revoked_at', big)
    .execute();
  // My Account's list: a person's tokens.
  await db.schema.createIndex('access_tokens_person_idx').on('access_tokens').column('person_id').execute();
}
