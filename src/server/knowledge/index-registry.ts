import type { Db } from '../db/database.ts';
import type { IndexedArticle } from './article-table.ts';
import { readSnapshot, writeSnapshot } from './index-snapshot.ts';
import { ArticleIndex } from './memory-index.ts';
import { searchGeneration } from './search-cache.ts';
import type { SearchFilters, SearchHit } from './search-index.ts';

/**
 * This process's index in memory (memory-index.ts) of each database: read after a start, caught up
 * with what other processes wrote, and asked by searches.
 *
 * The database stays the truth: every write that changes what a search can find moves the search
 * generation and stamps the articles it writes with it (search-cache.ts), and a process whose index
 * is behind the current generation reads those articles before it searches. So every process finds
 * what another has just published. Until the index has loaded after a start, and while it reads an
 * import of many articles, searches go to the database's indexes.
 *
 * Given a file for it, a process that read every article writes a snapshot of its index there
 * (index-snapshot.ts), and again once it has read a tenth as many articles again since; after a
 * restart it loads the snapshot and reads only the articles written since its generation.
 */

/** A catch-up under way: whether it reads more than a page of articles (known first), and its end. */
type CatchingUp = { large: Promise<boolean>; done: Promise<void> };
/** Where this process keeps its snapshot, and how many articles it has read since it last wrote one. */
type Snapshots = { file: string; database: number; readSince: number; writing: boolean; onError: (error: unknown) => void };
type Registered = { index: ArticleIndex; ready: boolean; failed: boolean; catchingUp: CatchingUp | null; snapshots: Snapshots | null };
const registry = new WeakMap<Db, Registered>();

const PAGE = 500;

async function readArticles(db: Db, rows: Array<Omit<IndexedArticle, 'productIds'>>): Promise<IndexedArticle[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom('article_products').select(['article_id', 'product_id']).where('article_id', 'in', rows.map((row) => row.id)).execute();
  const products = new Map<number, number[]>();
  for (const link of links) products.set(Number(link.article_id), [...(products.get(Number(link.article_id)) ?? []), Number(link.product_id)]);
  return rows.map((row) => ({ ...row, id: Number(row.id), productIds: products.get(Number(row.id)) ?? [] }));
}

const columns = ['id', 'number', 'title', 'body', 'language', 'visibility', 'state'] as const;

/** Reads the articles written since the index's generation, up to at least `generation`. */
async function catchUp(db: Db, entry: Registered, generation: number): Promise<void> {
  const from = entry.index.generation;
  for (let after = { generation: from, id: 0 }; ; ) {
    const rows = await db
      .selectFrom('articles')
      .select([...columns, 'search_generation'])
      .where((eb) => eb.or([eb('search_generation', '>', after.generation), eb.and([eb('search_generation', '=', after.generation), eb('id', '>', after.id)])]))
      .where('search_generation', '>', from)
      .orderBy('search_generation')
      .orderBy('id')
      .limit(PAGE)
      .execute();
    await putBetweenRequests(entry.index, await readArticles(db, rows));
    if (entry.snapshots) entry.snapshots.readSince += rows.length;
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { generation: Number(last.search_generation), id: Number(last.id) };
  }
  entry.index.generation = Math.max(entry.index.generation, generation);
  if (entry.ready && staleSnapshot(entry)) saveSnapshot(entry, entry.snapshots!);
}

function staleSnapshot(entry: Registered): boolean {
  return !!entry.snapshots && entry.snapshots.readSince >= Math.max(REFRESH_MIN, entry.index.size / 10);
}

/** A snapshot is written again once this many articles (or a tenth of the index, if more) were read since the last. */
const REFRESH_MIN = 1_000;

/** Writes the index's snapshot in the background, one write at a time; a failure is logged, and searches go on. */
function saveSnapshot(entry: Registered, snapshots: Snapshots): void {
  if (snapshots.writing) return;
  snapshots.writing = true;
  const readBefore = snapshots.readSince;
  writeSnapshot(snapshots.file, entry.index, { database: snapshots.database })
    .then(() => (snapshots.readSince -= readBefore))
    .catch(snapshots.onError)
    .finally(() => (snapshots.writing = false));
}

const MARK = 'search_snapshot_database';

/**
 * A number chosen at random for the database the first time it is asked, which a snapshot carries:
 * a snapshot of another database (DATABASE_URL changed, DATA_DIR shared) is never used.
 */
async function databaseMark(db: Db): Promise<number> {
  await db
    .insertInto('counters')
    .values({ name: MARK, value: 1 + Math.floor(Math.random() * 2 ** 31) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return Number((await db.selectFrom('counters').select('value').where('name', '=', MARK).executeTakeFirstOrThrow()).value);
}

/** Fifty articles are about 15 ms of work: requests wait no longer than that meanwhile. */
async function putBetweenRequests(index: ArticleIndex, articles: IndexedArticle[]): Promise<void> {
  for (let i = 0; i < articles.length; i += 50) {
    index.putMany(articles.slice(i, i + 50));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * An index of every article in the database. Reading 100,000 articles takes seconds, so requests
 * are let in between pages.
 */
export async function readArticleIndex(db: Db): Promise<ArticleIndex> {
  const index = new ArticleIndex();
  // Writes during the reading stamp a later generation than this, so the catch-up reads them.
  index.generation = await searchGeneration(db);
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('articles').select(columns).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    await putBetweenRequests(index, await readArticles(db, rows));
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  return index;
}

export type LoadOptions = {
  /** The snapshot's file (DATA_DIR/search-index.snapshot); none: the index is read from the articles, and no snapshot written. */
  snapshot?: string;
  /** How the index was loaded, once searches are answered from it. */
  onReady?: (how: { from: 'snapshot' | 'articles'; seconds: number; articles: number; reason?: string }) => void;
  onError?: (error: unknown) => void;
  onSnapshotError?: (error: unknown) => void;
};

/**
 * Loads this process's index in the background, from its snapshot where one can be used, else
 * from the articles; searches use the database's indexes meanwhile.
 */
export function loadArticleIndex(db: Db, { snapshot, onReady = () => {}, onError = () => {}, onSnapshotError = () => {} }: LoadOptions = {}): Promise<void> {
  if (registry.has(db)) return Promise.resolve();
  const entry: Registered = { index: new ArticleIndex(), ready: false, failed: false, catchingUp: null, snapshots: null };
  registry.set(db, entry);
  const load = async () => {
    const started = performance.now();
    let loaded: { index: ArticleIndex | null; reason?: string } = { index: null };
    if (snapshot) {
      entry.snapshots = { file: snapshot, database: await databaseMark(db), readSince: 0, writing: false, onError: onSnapshotError };
      loaded = await readSnapshot(snapshot, { database: entry.snapshots.database });
      // A snapshot ahead of the database (one restored from an older backup) holds writes it no longer has.
      if (loaded.index && loaded.index.generation > (await searchGeneration(db))) loaded = { index: null, reason: 'ahead of the database' };
    }
    entry.index = loaded.index ?? (await readArticleIndex(db));
    await catchUp(db, entry, await searchGeneration(db));
    entry.ready = true;
    onReady({ from: loaded.index ? 'snapshot' : 'articles', seconds: (performance.now() - started) / 1000, articles: entry.index.size, reason: loaded.reason });
    // After a full read, or a snapshot far behind the database (the process was down long).
    if (entry.snapshots && (!loaded.index || staleSnapshot(entry))) saveSnapshot(entry, entry.snapshots);
  };
  return load().catch((error: unknown) => {
    entry.failed = true;
    onError(error);
  });
}

function startCatchUp(db: Db, entry: Registered, generation: number): CatchingUp {
  const from = entry.index.generation;
  const large = db
    .selectFrom('articles')
    .select('id')
    .where('search_generation', '>', from)
    .limit(PAGE + 1)
    .execute()
    .then((rows) => rows.length > PAGE);
  const done = large.then(() => catchUp(db, entry, generation)).finally(() => (entry.catchingUp = null));
  // Nobody may be waiting for a large one; its failure only means the next search starts again.
  done.catch(() => {});
  return { large, done };
}

/** Articles in this process's index (0 until it is loaded). */
export function articleIndexSize(db: Db): number {
  return registry.get(db)?.index.size ?? 0;
}

export function articleIndexState(db: Db): 'off' | 'loading' | 'ready' | 'failed' {
  const entry = registry.get(db);
  return !entry ? 'off' : entry.failed ? 'failed' : entry.ready ? 'ready' : 'loading';
}

/**
 * Searches this process's index once it has read every write up to `generation`; null while it is
 * not loaded (the caller searches the database's indexes instead).
 */
export async function searchArticleIndex(db: Db, generation: number, terms: string[][], filters: SearchFilters, limit: number): Promise<SearchHit[] | null> {
  const entry = registry.get(db);
  if (!entry?.ready || entry.failed) return null;
  try {
    while (entry.index.generation < generation) {
      entry.catchingUp ??= startCatchUp(db, entry, generation);
      // A few articles written since: this search waits for them. Many (an import): the database's
      // indexes answer until they are read, rather than every search waiting seconds.
      if (await entry.catchingUp.large) return null;
      await entry.catchingUp.done;
    }
  } catch {
    // The database's indexes answer this search; the next one tries to catch up again.
    return null;
  }
  return entry.index.search(terms, filters, limit);
}
