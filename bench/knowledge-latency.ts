/**
 * In-process latency of knowledge search, without HTTP: one search at a time through the service
 * (up to the results page written as JSON), so the numbers show the work a query costs, not how
 * busy the machine is. Seeds the benchmark corpus once into a database kept between runs
 * (KB_LATENCY_DIR for SQLite, a database named caseway_kblatency for PostgreSQL); BENCH_QUICK=1
 * seeds a tenth.
 *
 * Searches are answered by the index in memory (loaded first; its load time and size are printed)
 * unless KB_LATENCY_STORED=1, which measures the database's own indexes.
 *
 *   node --import tsx bench/knowledge-latency.ts sqlite|postgres [rounds]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { searchArticles } from '../src/server/knowledge/knowledge.service.ts';
import { loadArticleIndex } from '../src/server/knowledge/index-registry.ts';
import * as searchCache from '../src/server/knowledge/search-cache.ts';
import { BENCH_QUERIES, seedArticles } from './knowledge-corpus.ts';

const ARTICLES = process.env.BENCH_QUICK === '1' ? 10_000 : 100_000;
const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const rounds = Number(process.argv[3] ?? 30);

async function open(): Promise<Db> {
  const suffix = ARTICLES === 100_000 ? '' : `_${ARTICLES}`;
  if (kind === 'sqlite') {
    const dir = process.env.KB_LATENCY_DIR ?? path.join(os.tmpdir(), 'caseway-kblatency');
    fs.mkdirSync(dir, { recursive: true });
    return openDatabase({ kind: 'sqlite', file: path.join(dir, `caseway${suffix}.sqlite`) });
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `caseway_kblatency${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openDatabase({ kind: 'postgres', url: url.toString() });
}

const db = await open();
await migrateToLatest(db);
const seeded = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
if (seeded === 0) {
  const started = Date.now();
  await seedArticles(db, ARTICLES);
  if (kind === 'postgres') await sql`vacuum analyze`.execute(db);
  console.log(`seeded ${ARTICLES} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const stored = process.env.KB_LATENCY_STORED === '1';
if (!stored) {
  const started = performance.now();
  await loadArticleIndex(db, {
    onError: (error) => {
      throw error;
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // Run with --expose-gc to see what stays live; otherwise the heap still holds the load's garbage.
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  console.log(`index in memory loaded in ${seconds} s; heap in use ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB${collect ? ' after a full collection' : ''}`);
}

// Uncached unless KB_LATENCY_CACHED=1: the work of the index. (The module is imported whole so
// this script also runs against code from before the cache, for before-and-after numbers.)
const cached = process.env.KB_LATENCY_CACHED === '1';
const forget = () => {
  if (!cached && 'forgetSearches' in searchCache) (searchCache as { forgetSearches: (db: Db) => void }).forgetSearches(db);
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
console.log(`${kind}, ${seeded || ARTICLES} articles, ${rounds} rounds, visitor searches, limit 20, ${cached ? 'cached' : 'uncached'}, ${stored ? "the database's indexes" : 'index in memory'}`);
console.log('| scenario | p50 ms | p95 ms | max ms | slowest query (mean ms) |');
console.log('|---|---:|---:|---:|---|');
for (const [name, queries] of BENCH_QUERIES) {
  // Twice: an answer is kept from the second time its search is asked.
  for (let i = 0; i < 2; i++) for (const q of queries) await searchArticles(db, null, { q, limit: 20 });
  const all: number[] = [];
  const perQuery = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      forget();
      const t0 = performance.now();
      await searchArticles(db, null, { q, limit: 20 });
      const ms = performance.now() - t0;
      all.push(ms);
      perQuery.set(q, (perQuery.get(q) ?? 0) + ms / rounds);
    }
  }
  all.sort((a, b) => a - b);
  const [slowest, mean] = [...perQuery].sort((a, b) => b[1] - a[1])[0]!;
  console.log(`| ${name} | ${percentile(all, 50).toFixed(2)} | ${percentile(all, 95).toFixed(2)} | ${all[all.length - 1]!.toFixed(2)} | ${slowest} (${mean.toFixed(2)}) |`);
}
await db.destroy();
