import type { Db } from '../db/database.ts';
import type { IndexedArticle } from './article-table.ts';
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
 */

/** A catch-up under way: whether it reads more than a page of articles (known first), and its end. */
type CatchingUp = { large: Promise<boolean>; done: Promise<void> };
type Registered = { index: ArticleIndex; ready: boolean; failed: boolean; catchingUp: CatchingUp | null };
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
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { generation: Number(last.search_generation), id: Number(last.id) };
  }
  entry.index.generation = Math.max(entry.index.generation, generation);
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

/** Builds this process's index in the background; searches use the database's indexes meanwhile. */
export function loadArticleIndex(db: Db, onError: (error: unknown) => void = () => {}): Promise<void> {
  if (registry.has(db)) return Promise.resolve();
  const entry: Registered = { index: new ArticleIndex(), ready: false, failed: false, catchingUp: null };
  registry.set(db, entry);
  const load = async () => {
    entry.index = await readArticleIndex(db);
    await catchUp(db, entry, await searchGeneration(db));
    entry.ready = true;
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
