import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers.ts';
import type { Db } from '../db/database.ts';
import { readArticleIndex } from './index-registry.ts';
import { addToVocabulary, indexArticle, indexNewArticles, searchStoredIndex, spellingAlternatives, type SearchFilters } from './search-index.ts';
import { queryTokens } from './search-text.ts';

// Each search is answered by the database's indexes and by an index in memory read from the same
// articles: both must find the same things.
const engines = ['stored', 'memory'] as const;
const setups = databaseKinds.flatMap((kind) => engines.map((engine) => [kind, engine] as const));

describe.each(setups)('knowledge search index (%s, %s)', (kind, engine) => {
  let database: TestDatabase;
  const searchIndex = async (db: Db, tokens: string[], filters: SearchFilters, limit: number) => {
    const terms = await spellingAlternatives(db, tokens);
    return { terms, hits: engine === 'stored' ? await searchStoredIndex(db, terms, filters, limit) : (await readArticleIndex(db)).search(terms, filters, limit) };
  };
  const published: SearchFilters = { states: ['published'], visibilities: ['public', 'customers'] };
  const articles = [
    { title: 'パスワードのリセット', body: 'ポータルのパスワードを忘れた場合の手順です。', language: 'ja', visibility: 'public' },
    { title: 'Sentinel LDK をインストールする', body: 'ＬＤＫ ランタイムのインストール手順。', language: 'ja', visibility: 'public' },
    { title: 'Installing the license manager', body: 'The license manager must run before Sentinel LDK finds a license. Password protected.', language: 'en', visibility: 'customers' },
    { title: 'Internal: licence escalation', body: 'Escalate password problems to tier 2.', language: 'en', visibility: 'internal' },
    { title: 'Old password article', body: 'Retired content about the password.', language: 'en', visibility: 'public', state: 'retired' },
  ];
  const ids: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    let n = 0;
    for (const a of articles) {
      const row = await database.db
        .insertInto('articles')
        .values({ number: `KB000000${++n}`, title: a.title, body: a.body, language: a.language, visibility: a.visibility, state: a.state ?? 'published', created_at: 0, updated_at: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    // All in one batch, as an import writes them.
    await indexNewArticles(
      database.db,
      articles.map((a, i) => ({ id: ids[i]!, title: a.title, body: a.body, customerVisible: (a.state ?? 'published') === 'published' && a.visibility !== 'internal' })),
    );
  });
  afterAll(() => database.cleanup());

  const search = async (query: string, filters: SearchFilters = published) =>
    (await searchIndex(database.db, queryTokens(query), filters, 20)).hits.map((r) => ids.indexOf(r.articleId));

  it('finds a Japanese word inside a longer run, and full-width and half-width forms', async () => {
    expect(await search('パスワード')).toContain(0);
    expect(await search('ﾊﾟｽﾜｰﾄﾞ')).toContain(0);
    expect(await search('ＬＤＫ')).toEqual(expect.arrayContaining([1, 2]));
    expect(await search('リセット')).toEqual([0]);
  });

  it('ranks a title match before a body match', async () => {
    const ranked = await search('password');
    expect(ranked).toContain(2);
    expect(await search('license manager')).toEqual([2]);
    const ldk = await search('インストール');
    expect(ldk[0]).toBe(1);
  });

  it('keeps internal and retired articles out unless the filters let them in', async () => {
    expect(await search('escalation')).toEqual([]);
    expect(await search('escalation', { states: ['published'], visibilities: ['public', 'customers', 'internal'] })).toEqual([3]);
    expect(await search('retired')).toEqual([]);
    expect(await search('password', { states: ['published'], visibilities: ['public'] })).not.toContain(2);
  });

  it('filters by language', async () => {
    expect(await search('ldk', { ...published, language: 'en' })).toEqual([2]);
  });

  it('treats query syntax as plain text and never fails', async () => {
    for (const query of ['"', '*', 'OR', 'NEAR(', "'; drop table articles; --", 'x'.repeat(10_000), '!!!???', 'AND OR NOT']) {
      await expect(search(query)).resolves.toEqual(expect.any(Array));
    }
    const count = await database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it('keeps an older title match first even under hundreds of newer body matches', async () => {
    const add = async (number: string, title: string, body: string) => {
      const row = await database.db.insertInto('articles').values({ number, title, body, language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
      await indexArticle(database.db, { id: row.id, title, body, customerVisible: true }, null);
      return row.id;
    };
    const old = await add('KB0001000', 'Rotating the hardlock', 'How to do it.');
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 320; i++) {
        const row = await trx.insertInto('articles').values({ number: `KB${2000 + i}`, title: `Note ${i}`, body: 'mentions the hardlock once', language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
        await indexArticle(trx, { id: row.id, title: `Note ${i}`, body: 'mentions the hardlock once', customerVisible: true }, null);
      }
    });
    const { hits } = await searchIndex(database.db, queryTokens('hardlock'), published, 20);
    expect(hits[0]!.articleId).toBe(old);
    expect(hits).toHaveLength(20);
  });

  it('finds a re-indexed article by its new words only', async () => {
    const rewritten = { id: ids[1]!, title: 'Sentinel LDK のアンインストール', body: '削除の手順。', customerVisible: true };
    await database.db.updateTable('articles').set({ title: rewritten.title, body: rewritten.body }).where('id', '=', rewritten.id).execute();
    await indexArticle(database.db, rewritten, { ...articles[1]!, customerVisible: true });
    expect(await search('アンインストール')).toEqual([1]);
    expect(await search('ランタイム')).toEqual([]);
  });

  const vocabulary = async (word: string) => (await database.db.selectFrom('search_vocabulary').select('articles').where('word', '=', word).executeTakeFirst())?.articles;

  it('finds a misspelled English word by the words close to it', async () => {
    const configuration = await database.db.insertInto('articles').values({ number: 'KB0009001', title: 'Configuration of the license server', body: 'Edit the file.', language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    await indexArticle(database.db, { id: configuration.id, title: 'Configuration of the license server', body: 'Edit the file.', customerVisible: true }, null);
    expect(await search('pasword')).toContain(2);
    expect(await search('passwrod protected')).toEqual([2]);
    const { hits, terms } = await searchIndex(database.db, queryTokens('configuraton'), published, 20);
    expect(hits.map((h) => h.articleId)).toEqual([configuration.id]);
    expect(terms).toEqual([['configuration']]);
  });

  it('leaves correctly spelled, short and Japanese words alone', async () => {
    expect((await searchIndex(database.db, queryTokens('password'), published, 20)).terms).toEqual([['password']]);
    expect(await spellingAlternatives(database.db, queryTokens('lic パスワド ldk2'))).toEqual([['lic'], ['パス'], ['スワ'], ['ワド'], ['ldk2']]);
    expect(await search('パスワド')).toEqual([]);
  });

  it('learns no word from internal or unpublished articles, so a correction tells nothing of them', async () => {
    // "licence" is in an internal article only: corrected to the customers' "license" like any unknown word.
    expect(await vocabulary('licence')).toBeUndefined();
    expect((await searchIndex(database.db, queryTokens('licence'), published, 20)).terms[0]).toContain('license');
    const row = await database.db.insertInto('articles').values({ number: 'KB0009003', title: 'Quokka handling', body: 'Quokka care.', language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    await indexArticle(database.db, { id: row.id, title: 'Quokka handling', body: 'Quokka care.', customerVisible: true }, null);
    expect(await vocabulary('quokka')).toBe(1);
    // Made internal: its words leave the vocabulary.
    await indexArticle(database.db, { id: row.id, title: 'Quokka handling', body: 'Quokka care.', customerVisible: false }, { title: 'Quokka handling', body: 'Quokka care.', customerVisible: true });
    expect(await vocabulary('quokka')).toBeUndefined();
  });

  it('counts a word once for each customer-visible article of a batch that holds it', async () => {
    const rows = await database.db
      .insertInto('articles')
      .values(['KB0009101', 'KB0009102', 'KB0009103'].map((number) => ({ number, title: 'Walrus feeding', body: 'Walrus walrus.', language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 })))
      .returning('id')
      .execute();
    await indexNewArticles(database.db, rows.map((row, i) => ({ id: row.id, title: 'Walrus feeding', body: 'Walrus walrus.', customerVisible: i < 2 })));
    expect(await vocabulary('walrus')).toBe(2);
    expect((await searchIndex(database.db, queryTokens('walrus feeding'), published, 20)).hits.map((hit) => Number(hit.articleId)).sort((a, b) => a - b)).toEqual(rows.map((row) => Number(row.id)).sort((a, b) => a - b));
  });

  it('finds old matches behind thousands of newer articles, and the newest first when they are many', async () => {
    // PostgreSQL looks among the newest 2,000 ids first, then wider: both ways must give the same answer.
    const rows = await database.db
      .insertInto('articles')
      .values(Array.from({ length: 2600 }, (_, i) => ({ number: `KB08${String(i).padStart(5, '0')}`, title: `Filler ${i}`, body: i < 3 ? 'An aardvark burrow.' : i >= 2400 ? 'A narwhal tusk.' : 'Nothing here.', language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 })))
      .returning('id')
      .execute();
    await indexNewArticles(database.db, rows.map((row, i) => ({ id: row.id, title: `Filler ${i}`, body: i < 3 ? 'An aardvark burrow.' : i >= 2400 ? 'A narwhal tusk.' : 'Nothing here.', customerVisible: true })));
    const oldest = rows.slice(0, 3).map((row) => Number(row.id));
    const hits = async (query: string, limit: number) => (await searchIndex(database.db, queryTokens(query), published, limit)).hits.map((hit) => Number(hit.articleId));
    expect((await hits('aardvark', 20)).sort((a, b) => a - b)).toEqual(oldest);
    // 200 narwhals among the newest: the first 20 by relevance, all of them among the newest 100 (equal relevance: newest first).
    const narwhals = await hits('narwhal', 20);
    expect(narwhals).toHaveLength(20);
    expect(narwhals.every((id) => id > Number(rows[2499]!.id))).toBe(true);
  });

  it('prefers the words more articles hold, and keeps the vocabulary in step with the index', async () => {
    await addToVocabulary(database.db, new Map([['bank', 5], ['band', 9], ['bane', 1], ['bang', 2]]));
    expect(await spellingAlternatives(database.db, ['banx'])).toEqual([['band', 'bank', 'bang']]);
    // A known word among misspelled ones stays as typed, wherever it stands in the query.
    expect(await spellingAlternatives(database.db, ['banx', 'bank', 'bangs'])).toEqual([['band', 'bank', 'bang'], ['bank'], ['bang']]);

    const row = await database.db.insertInto('articles').values({ number: 'KB0009002', title: 'Zeppelin mooring', body: 'The license of the zeppelin.', language: 'en', visibility: 'public', state: 'published', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const licenses = (await vocabulary('license'))!;
    await indexArticle(database.db, { id: row.id, title: 'Zeppelin mooring', body: 'The license of the zeppelin.', customerVisible: true }, null);
    expect([await vocabulary('zeppelin'), await vocabulary('license')]).toEqual([1, licenses + 1]);
    await indexArticle(database.db, { id: row.id, title: 'Airship mooring', body: 'The license of the airship.', customerVisible: true }, { title: 'Zeppelin mooring', body: 'The license of the zeppelin.', customerVisible: true });
    expect([await vocabulary('zeppelin'), await vocabulary('airship'), await vocabulary('license')]).toEqual([undefined, 1, licenses + 1]);
    await indexArticle(database.db, { id: row.id, title: 'Airship mooring', body: 'The license of the airship.', customerVisible: false }, { title: 'Airship mooring', body: 'The license of the airship.', customerVisible: true });
    expect([await vocabulary('airship'), await vocabulary('license')]).toEqual([undefined, licenses]);
  });
});
