import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers.ts';
import { insertArticles } from './knowledge.service.ts';
import { reindexArticles, SEARCH_FOLDING_VERSION } from './reindex.job.ts';
import { rewriteSearchEntries, searchStoredIndex } from './search-index.ts';
import { searchGeneration } from './search-cache.ts';
import { queryTokens } from './search-text.ts';

describe.each(databaseKinds)('writing the search index again after the folding changed (%s)', (kind) => {
  let database: TestDatabase;
  const published = { states: ['published'], visibilities: ['public'] };
  const found = async (query: string) => (await searchStoredIndex(database.db, queryTokens(query).map((token) => [token]), published, 10)).length;
  const counter = async (name: string) => (await database.db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst())?.value;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const articles = Array.from({ length: 450 }, (_, i) => ({ title: i === 0 ? 'ライセンスの更新' : `Article ${i}`, body: i === 0 ? 'らいせんすを更新します。' : 'Nothing to see.', language: 'ja', visibility: 'public', state: 'published', productIds: [] }));
    const ids = await database.db.transaction().execute(async (trx) => {
      await insertArticles(trx, articles, null, 1_000);
      return (await trx.selectFrom('articles').select(['id']).orderBy('id').execute()).map((row) => Number(row.id));
    });
    // Entries as an older folding left them: none of them meets today's folded queries.
    await rewriteSearchEntries(database.db, ids.map((id) => ({ id, title: '古い', body: '古い' })));
    await database.db.updateTable('counters').set({ value: 0 }).where('name', '=', 'search_folding').execute();
  });
  afterAll(() => database.cleanup());

  it('writes every entry again once, in batches that move the search generation, and then only reads the version', async () => {
    expect([await found('ライセンス'), await found('らいせんす')]).toEqual([0, 0]);
    const before = await searchGeneration(database.db);
    // Two processes at once: they take the batches in turn and write each entry once between them.
    const both = Promise.all([reindexArticles(database.db), reindexArticles(database.db)]);
    // Requests are answered between batches: on SQLite, whose calls give no turn to the event loop
    // on their own, the whole re-index once ran before anything else.
    let finished = false;
    void both.then(() => (finished = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    const [one, two] = await both;
    expect(one + two).toBe(450);
    expect(await found('ライセンス')).toBe(1);
    // Hiragana in the body, katakana in the query, and back.
    expect(await found('ライセンスを更新')).toBe(1);
    expect(await found('らいせんすの')).toBe(1);
    expect(await searchGeneration(database.db)).toBeGreaterThan(before);
    expect([await counter('search_folding'), await counter('search_reindex_after')]).toEqual([SEARCH_FOLDING_VERSION, undefined]);
    expect(await reindexArticles(database.db)).toBe(0);
  });

  it('has nothing to write in a database made without articles, however many are added before its first start', async () => {
    const fresh = await createTestDatabase(kind);
    try {
      await fresh.db.transaction().execute((trx) => insertArticles(trx, [{ title: 'ライセンス', body: 'らいせんす', language: 'ja', visibility: 'public', state: 'published', productIds: [] }], null, 1_000));
      expect(await reindexArticles(fresh.db)).toBe(0);
    } finally {
      await fresh.cleanup();
    }
  });

  it('goes on where a stopped re-index left off', async () => {
    await database.db.updateTable('counters').set({ value: 0 }).where('name', '=', 'search_folding').execute();
    const last = Number((await database.db.selectFrom('articles').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
    await database.db.insertInto('counters').values({ name: 'search_reindex_after', value: last - 5 }).execute();
    expect(await reindexArticles(database.db)).toBe(5);
  });
});
