import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { findPersonById, rolesOf } from '../auth/auth.repository.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { createTestDatabase, databaseKinds, seedPerson, type TestDatabase } from '../test/helpers.ts';
import { articleIndexState, loadArticleIndex, searchArticleIndex } from './index-registry.ts';
import type { searchResults } from './knowledge.schemas.ts';
import { createArticle, insertArticles, searchArticles, updateArticle } from './knowledge.service.ts';
import { searchGeneration } from './search-cache.ts';

describe.each(databaseKinds)('the search index in memory of another process (%s)', (kind) => {
  let database: TestDatabase;
  let other: Db;
  let agent: Parameters<typeof createArticle>[1];
  const visitor = null;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // A second pool on the same database stands in for a second server process.
    other = database.url ? openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : openDatabase({ kind: 'sqlite', file: database.file! });
    const { id } = await seedPerson(database.db, { roles: ['agent'] });
    agent = { person: (await findPersonById(database.db, id))!, roles: await rolesOf(database.db, id) };
    await createArticle(database.db, agent, { title: 'Resetting the dongle', body: 'Unplug it.', language: 'en', visibility: 'public', state: 'published', productIds: [] }, 1);
    await loadArticleIndex(other);
  });
  afterAll(async () => {
    await other.destroy();
    await database.cleanup();
  });

  type ResultItem = z.infer<typeof searchResults>['items'][number];
  const results = async (db: Db, q: string) => (JSON.parse((await searchArticles(db, visitor, { q, limit: 20 })).toString('utf8')) as z.infer<typeof searchResults>).items;
  const titles = async (q: string) => (await results(other, q)).map((item) => item.title);

  it('answers from memory once loaded, and finds at once what another process publishes, edits and retires', async () => {
    expect(articleIndexState(other)).toBe('ready');
    expect(await titles('dongle')).toEqual(['Resetting the dongle']);
    const { number } = await createArticle(database.db, agent, { title: 'ドングルの交換', body: '古いドングルを返送します。', language: 'ja', visibility: 'public', state: 'draft', productIds: [] }, 2);
    expect(await titles('ドングル')).toEqual([]);
    await updateArticle(database.db, agent, number, { state: 'published' }, 3);
    expect(await titles('ドングル')).toEqual(['ドングルの交換']);
    await updateArticle(database.db, agent, number, { title: 'ドングルの返却', body: '着払いで送ります。' }, 4);
    expect(await titles('返送')).toEqual([]);
    expect(await titles('着払い')).toEqual(['ドングルの返却']);
    await updateArticle(database.db, agent, number, { state: 'retired' }, 5);
    expect(await titles('着払い')).toEqual([]);
  });

  it("shows the same results page as the database's indexes: titles, snippets deep in a body, products", async () => {
    const product = async (name: string) => (await database.db.insertInto('products').values({ name, active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const [ldk, ems] = [await product('Sentinel LDK'), await product('Sentinel EMS')];
    const write = (title: string, body: string, productIds: number[]) => createArticle(database.db, agent, { title, body, language: 'en', visibility: 'public', state: 'published', productIds }, 7);
    await write('License server setup', `${'Background text.\n\n'.repeat(150)}Then restart the license server.`, [ems, ldk]);
    await write('ライセンスの更新', `ライセンスは毎年更新します。${'説明が続きます。'.repeat(200)}`, [ems]);
    await write('Restart checklist', `${'Nothing about it here. '.repeat(80)}`, []);
    expect(articleIndexState(other)).toBe('ready');
    const byNumber = (items: ResultItem[]) => [...items].sort((a, b) => (a.number < b.number ? -1 : 1));
    for (const q of ['license', 'restart', 'ライセンス', '説明', 'license restart', 'checklist']) {
      const fromMemory = await results(other, q);
      expect(fromMemory.length, q).toBeGreaterThan(0);
      expect(byNumber(fromMemory), q).toEqual(byNumber(await results(database.db, q)));
    }
    const deep = (await results(other, 'license restart')).find((item) => item.title === 'License server setup')!;
    expect(deep.products).toEqual(['Sentinel EMS', 'Sentinel LDK']);
    expect(deep.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['restart', 'license']);
  });

  it('answers from the database while it reads an import of many articles, then from memory again', async () => {
    const imported = Array.from({ length: 600 }, (_, i) => ({ title: `Wombat care ${i}`, body: 'Feed the wombat.', language: 'en', visibility: 'public', state: 'published', productIds: [] }));
    await database.db.transaction().execute((trx) => insertArticles(trx, imported, null, 6));
    const generation = await searchGeneration(database.db);
    const published = { states: ['published'], visibilities: ['public'] };
    expect(await searchArticleIndex(other, generation, [['wombat']], published, 20)).toBeNull();
    expect(await titles('wombat')).toHaveLength(20);
    await expect.poll(async () => (await searchArticleIndex(other, generation, [['wombat']], published, 20))?.length, { timeout: 20_000 }).toBe(20);
  });
});
