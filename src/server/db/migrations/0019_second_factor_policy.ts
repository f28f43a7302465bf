import type { Kysely } from 'kysely';

/**
 * The account-wide second-factor policy (issue 20, part 2): what every contact of an account must
 * sign in with, and which factor each session proved, so a tightened policy can reach sessions
 * already signed in. Sessions from before have no factor recorded; they meet only the policy 'any'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('second_factor_policy', 'text', (c) => c.notNull().defaultTo('any')).execute();
  await db.schema.alterTable('sessions').addColumn('second_factor', 'text').execute();
}
