import type { Kysely } from 'kysely';

/**
 * Issue 20, the rest of single sign-on: whether the vendor lets an account's own administrators
 * manage its OpenID Connect provider (off until the vendor turns it on), and which registration
 * requests came from a sign-in at the account's provider, whose approval then mails no password.
 * Integers 0/1, as `people.active` is, so both databases read them alike.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('sso_self_service', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('registration_requests').addColumn('via_sso', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
