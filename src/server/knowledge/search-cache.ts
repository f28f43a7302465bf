import type { Transaction } from 'kysely';
import { databaseKind, type Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { runPrepared } from '../db/prepared.ts';
import { freshReads } from '../lib/fresh-reads.ts';
import { nextCounterValue } from '../lib/identifiers.ts';

/**
 * Answers to searches, kept per process and per database. Every write that can change an answer
 * (an article written, edited, published, retired, moved to other products; a product renamed) moves a generation
 * counter in its own transaction; an answer is used only while the generation it was computed at
 * is still the current one. So an answer is never stale, in this process or any other sharing the
 * database, and publishing is searchable at once; what is saved is the index work for searches
 * repeated between writes, which popular searches and type-ahead suggestions are.
 */

const GENERATION = 'article_search';
const MAX_ENTRIES = 2_000;
/**
 * An answer is kept only for a search asked before within the last this many different searches.
 * A search made once (most of what a busy portal sees: a new combination of words) would only push
 * a kept answer out. (Kept as JavaScript strings, such answers were also most of what survived each
 * scavenge and the old generation grew by, and scavenges took twice as long; kept as bytes,
 * knowledge.service.ts, they are outside the heap.) Popular searches, and type-ahead asking again
 * for the same subject, come back well within it.
 */
const ASKED_WINDOW = 1_000;

async function readGeneration(db: Db): Promise<number> {
  const [row] = await runPrepared(db, 'search-generation', {}, (executor) => executor.selectFrom('counters').select('value').where('name', '=', GENERATION));
  return Number(row?.value ?? 0);
}

const sharedReads = new WeakMap<Db, () => Promise<number>>();

/**
 * Read before every search, cached or not: built once (db/prepared.ts). On PostgreSQL a read is a
 * round trip costing the client about 90 µs of CPU, the largest part of a search the index in
 * memory answers, so concurrent searches share reads (lib/fresh-reads.ts) — each still reads after
 * it began, and finds what any process published before. SQLite's read is a few microseconds on its
 * own connection, answered at once.
 */
export function searchGeneration(db: Db): Promise<number> {
  if (databaseKind(db) !== 'postgres' || db.isTransaction) return readGeneration(db);
  let read = sharedReads.get(db);
  if (!read) sharedReads.set(db, (read = freshReads(() => readGeneration(db))));
  return read();
}

/**
 * Called first in the transaction of every write that can change a search answer; the articles it
 * writes carry the generation returned. Moving the counter locks it until the transaction ends, so
 * generations become visible in the order they were handed out: once a process sees generation G,
 * every write up to G is visible to it (what memory-index.ts relies on to catch up).
 */
export async function invalidateSearches(trx: Transaction<Database>): Promise<number> {
  return nextCounterValue(trx, GENERATION);
}

type Entry<T> = { generation: number; value: T };
const caches = new WeakMap<Db, Map<string, Entry<unknown>>>();
/** The searches asked lately whose answers are not kept, oldest first (insertion order). */
const askedOnce = new WeakMap<Db, Set<string>>();

export function cachedSearch<T>(db: Db, generation: number, key: string): T | undefined {
  const cache = caches.get(db);
  const entry = cache?.get(key);
  if (!cache || !entry || entry.generation !== generation) return undefined;
  // Map keeps insertion order: re-inserting marks the entry as recently used.
  cache.delete(key);
  cache.set(key, entry);
  return entry.value as T;
}

/**
 * Keeps the answer if this search was asked before within `ASKED_WINDOW` searches, or had an
 * answer kept at an earlier generation; else remembers that it was asked.
 */
export function cacheSearch<T>(db: Db, generation: number, key: string, value: T): void {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let asked = askedOnce.get(db);
  if (!asked) askedOnce.set(db, (asked = new Set()));
  if (!cache.has(key) && !asked.delete(key)) {
    if (asked.size >= ASKED_WINDOW) asked.delete(asked.values().next().value!);
    asked.add(key);
    return;
  }
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { generation, value });
}

/** Drops this process's answers for the database (the latency bench measures searches uncached). */
export function forgetSearches(db: Db): void {
  caches.delete(db);
  askedOnce.delete(db);
}
