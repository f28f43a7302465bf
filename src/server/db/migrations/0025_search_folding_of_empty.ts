import { sql, type Kysely } from 'kysely';

/**
 * A database without articles records the folding of 0014 (version 1, reindex.job.ts) as
 * the one its entries are written in: there is nothing to write again. Without the record, the
 * first start of a database filled before it (a knowledge base imported or seeded by the CLI)
 * wrote every entry a second time, 100,000 articles for two minutes. A database with
 * articles and no record is one from before that folding, and its first start rewrites them, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into counters (name, value) select 'search_folding', 1 where not exists (select 1 from articles) on conflict (name) do nothing`.execute(db);
}
