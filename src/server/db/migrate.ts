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

// Listed in code, not read from a folder, so the same list runs under tsx, Vitest and a bundle.
const migrations: Record<string, Migration> = {
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
};

/** Brings the schema up to date; safe to call from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: with two schemas in one
  // PostgreSQL database (tests, several installs) it would find the other's and skip creating ours.
  const migrationTableSchema =
    databaseKind(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
