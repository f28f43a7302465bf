import type { Kysely } from 'kysely';
import { addIdColumn, bigIntType } from '../database.ts';

/**
 * Passkeys (WebAuthn credentials) and the challenges of ceremonies in progress. Credential ids,
 * public keys (COSE) and user handles are binary; they are kept as base64url text, which compares
 * and indexes the same on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = addIdColumn(db);
  const big = bigIntType(db);
  await db.schema
    .createTable('passkeys')
    .addColumn('id', id.type, id.build)
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Unique: a sign-in finds the credential by it, before anyone is known.
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('user_handle', 'text', (c) => c.notNull())
    .addColumn('counter', big, (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('last_used_at', big)
    .execute();
  // My Account's list: a person's passkeys, oldest first.
  await db.schema.createIndex('passkeys_person_idx').on('passkeys').columns(['person_id', 'created_at']).execute();

  await db.schema
    .createTable('webauthn_challenges')
    // SHA-256 of what the challenge is bound to (a session, or a pre-sign-in cookie) and its purpose:
    // one challenge in flight per binding and purpose.
    .addColumn('binding', 'text', (c) => c.primaryKey())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webauthn_challenges_expires_idx').on('webauthn_challenges').column('expires_at').execute();
}
