import type { Kysely } from 'kysely';
import { addIdColumn, bigIntType } from '../database.ts';

/**
 * Single sign-on with a customer's own OpenID Connect provider: at most one provider per account,
 * the e-mail domains it answers for (a domain belongs to one provider: its primary key is the
 * lookup the login page makes), and the sign-ins under way between the redirect to the provider
 * and its answer, each used once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = addIdColumn(db);
  const big = bigIntType(db);
  await db.schema
    .createTable('identity_providers')
    .addColumn('id', id.type, id.build)
    .addColumn('account_id', big, (c) => c.notNull().unique().references('accounts.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // AES-256-GCM under a key derived from the server key: a copied table alone does not give the secret away.
    .addColumn('client_secret_encrypted', 'text', (c) => c.notNull())
    // Space-separated `acr` values the provider uses for a multi-factor sign-in.
    .addColumn('mfa_acr_values', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('identity_provider_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', big, (c) => c.notNull().references('identity_providers.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('identity_provider_domains_provider_idx').on('identity_provider_domains').column('provider_id').execute();
  await db.schema
    .createTable('sso_sign_ins')
    // SHA-256 of the `state` sent to the provider; the browser holds the state itself in a cookie.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', big, (c) => c.notNull().references('identity_providers.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_sign_ins_expires_idx').on('sso_sign_ins').column('expires_at').execute();
}
