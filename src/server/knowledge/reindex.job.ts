import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/database.ts';
import { invalidateSearches } from './search-cache.ts';
import { rewriteSearchEntries } from './search-index.ts';

/**
 * The folding (search-text.ts) the database's search entries were written with. Moved whenever the
 * folding changes what indexTokens makes of a text; each server process then writes every entry
 * again (reindexArticles), since entries written the old way no longer meet the queries folded the
 * new way. The index in memory needs nothing: each process builds it from the articles at start.
 * 1: hiragana folded to katakana (らいせんす finds ライセンス). A change that altered Latin words would
 * have to rebuild the spelling vocabulary too; this one leaves it as it is. A database made without
 * articles records 1 (migration 0025): moving the version, add a migration that records the new one
 * where there are no articles, or a knowledge base loaded before the first start is written twice.
 */
export const SEARCH_FOLDING_VERSION = 1;

const VERSION = 'search_folding';
/** The last article id whose entry is written the current way, while a re-index is under way. */
const PROGRESS = 'search_reindex_after';
const BATCH = 200;

const readCounter = async (db: Db, name: string) => Number((await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst())?.value ?? 0);

/**
 * Writes every article's search entry again when the stored ones are from an older folding; a
 * background job of every process (background-jobs.ts), and after an upgrade its first pass does
 * the work. Batch by batch, each in a transaction that first moves the search generation: that
 * locks the generation counter, which every article write also moves first, so a batch never
 * writes an entry from text an editor is changing, two processes take batches in turn (each reads
 * the progress under the lock), answers kept from before the batch are dropped, and a restart goes
 * on where it stopped. Returns how many entries were written.
 */
export async function reindexArticles(db: Db): Promise<number> {
  if ((await readCounter(db, VERSION)) >= SEARCH_FOLDING_VERSION) return 0;
  let written = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await invalidateSearches(trx);
      if ((await readCounter(trx, VERSION)) >= SEARCH_FOLDING_VERSION) return true;
      const after = await readCounter(trx, PROGRESS);
      const articles = await trx.selectFrom('articles').select(['id', 'title', 'body']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
      if (articles.length === 0) {
        await trx.insertInto('counters').values({ name: VERSION, value: SEARCH_FOLDING_VERSION }).onConflict((oc) => oc.column('name').doUpdateSet({ value: SEARCH_FOLDING_VERSION })).execute();
        await trx.deleteFrom('counters').where('name', '=', PROGRESS).execute();
        return true;
      }
      await rewriteSearchEntries(trx, articles.map((article) => ({ ...article, id: Number(article.id) })));
      const last = Number(articles[articles.length - 1]!.id);
      await trx.insertInto('counters').values({ name: PROGRESS, value: last }).onConflict((oc) => oc.column('name').doUpdateSet({ value: last })).execute();
      written += articles.length;
      return false;
    });
    if (done) return written;
    // SQLite answers without giving way to the event loop: without this turn, a re-index of
    // 100,000 articles held every request of the process for two minutes.
    await nextTurn();
  }
}
