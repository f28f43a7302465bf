import { Migrator, sql, type Migration } from 'kysely';
import { databaseKind, type Db } from './database.ts';
import * as identity from './migrations/0001_identity.ts';
import * as cases from './migrations/0002_cases.ts';
import * as knowledge from './migrations/0003_knowledge.ts';
import * as searchVocabulary from './migrations/0004_search_vocabulary.ts';
import * as accountAdmin from './migrations/0005_account_admin.ts';
import * as administration from './migrations/0006_administration.ts';
import * as auditTrail from './migrations/0007_audit_trail.ts';
import * as articleSearchGeneration from './migrations/0008_article_search_generation.ts';
import * as caseSortIndexes from './migrations/0009_case_sort_indexes.ts';
import * as signInHardening from './migrations/0010_sign_in_hardening.ts';
import * as autoCloseSteps from './migrations/0011_auto_close_steps.ts';
import * as caseWatchers from './migrations/0012_case_watchers.ts';
import * as caseSearchText from './migrations/0013_case_search_text.ts';
import * as autoCloseHours from './migrations/0015_auto_close_hours.ts';
import * as accessTokens from './migrations/0016_access_tokens.ts';
import * as passkeys from './migrations/0017_passkeys.ts';
import * as identityProviders from './migrations/0018_identity_providers.ts';
import * as secondFactorPolicy from './migrations/0019_second_factor_policy.ts';
import * as ssoSelfService from './migrations/0020_sso_self_service.ts';
import * as ssoReauthentication from './migrations/0021_sso_reauthentication.ts';
import * as slaClock from './migrations/0022_sla_clock.ts';
import * as inboundMail from './migrations/0023_inbound_mail.ts';
import * as dashboard from './migrations/0024_dashboard.ts';
import * as searchFoldingOfEmpty from './migrations/0025_search_folding_of_empty.ts';

// Listed in code, not read from a folder, so the same list runs under tsx, Vitest and a bundle.
export const allMigrations: Record<string, Migration> = {
  '0001_identity': identity,
  '0002_cases': cases,
  '0003_knowledge': knowledge,
  '0004_search_vocabulary': searchVocabulary,
  '0005_account_admin': accountAdmin,
  '0006_administration': administration,
  '0007_audit_trail': auditTrail,
  '0008_article_search_generation': articleSearchGeneration,
  '0009_case_sort_indexes': caseSortIndexes,
  '0010_sign_in_hardening': signInHardening,
  '0011_auto_close_steps': autoCloseSteps,
  '0012_case_watchers': caseWatchers,
  '0013_case_search_text': caseSearchText,
  '0015_auto_close_hours': autoCloseHours,
  '0016_access_tokens': accessTokens,
  '0017_passkeys': passkeys,
  '0018_identity_providers': identityProviders,
  '0019_second_factor_policy': secondFactorPolicy,
  '0020_sso_self_service': ssoSelfService,
  '0021_sso_reauthentication': ssoReauthentication,
  '0022_sla_clock': slaClock,
  '0023_inbound_mail': inboundMail,
  '0024_dashboard': dashboard,
  '0025_search_folding_of_empty': searchFoldingOfEmpty,
};

/** The database was migrated by a newer Caseway than this one: starting would run old code on a new schema. */
export class NewerDatabaseError extends Error {}

const MIGRATION_TABLE = 'kysely_migration';

async function migrator(db: Db, known: Record<string, Migration>): Promise<Migrator> {
  // Kysely looks for its own tables in every schema unless told which one: with two schemas in one
  // PostgreSQL database (tests, several installs) it would find the other's and skip creating ours.
  const migrationTableSchema =
    databaseKind(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => known }, migrationTableName: MIGRATION_TABLE, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

/** Refuses a database that has run migrations this version does not know. */
async function assertNotNewer(db: Db, known: Record<string, Migration>): Promise<void> {
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db)).rows.map((row) => row.name);
  } catch (error) {
    const missingTable = (error as { code?: string }).code === '42P01' || /no such table/.test((error as Error).message);
    if (missingTable) return;
    throw error;
  }
  const unknown = applied.filter((name) => !(name in known)).sort();
  if (unknown.length > 0) {
    throw new NewerDatabaseError(
      `This database was upgraded by a newer version of Caseway (it has run ${unknown.join(', ')}, which this version does not know). ` +
        'Run the newer version, or restore the backup taken before the upgrade; migrations only go forward.',
    );
  }
}

/** The migrations `migrateToLatest` would run, in order (`caseway migrate --dry-run`). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  await assertNotNewer(db, allMigrations);
  return (await (await migrator(db, allMigrations)).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

const sqliteBusy = (error: unknown) => /^SQLITE_BUSY/.test((error as { code?: string }).code ?? '');

/**
 * Brings the schema up to date, one migration at a time, each in its own transaction with the
 * record that it ran: a migration that fails leaves the ones before it applied and itself not at
 * all. Processes starting at once run each migration once: PostgreSQL through Kysely's lock, SQLite
 * through its single writer (a process whose transaction lost the race retries and finds the
 * migration done). `known` is the list of this version; tests pass others, as older versions.
 */
export async function migrateToLatest(db: Db, known = allMigrations): Promise<string[]> {
  await assertNotNewer(db, known);
  const steps = await migrator(db, known);
  const applied: string[] = [];
  for (let busyRetries = 0; ; ) {
    const { error, results } = await steps.migrateUp();
    if (error) {
      if (sqliteBusy(error) && busyRetries++ < 50) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      throw error instanceof Error ? error : new Error(String(error));
    }
    const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (done.length === 0) return applied;
    applied.push(...done);
  }
}
