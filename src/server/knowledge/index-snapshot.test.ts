import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { benchArticle } from '../../../bench/knowledge-corpus.ts';
import { findPersonById, rolesOf } from '../auth/auth.repository.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { createTestDatabase, databaseKinds, seedPerson, type TestDatabase } from '../test/helpers.ts';
import { articleIndexState, loadArticleIndex, readArticleIndex, type LoadOptions } from './index-registry.ts';
import { indexFromSnapshot, SNAPSHOT_FORMAT, snapshotBytes } from './index-snapshot.ts';
import type { searchResults } from './knowledge.schemas.ts';
import { createArticle, insertArticles, searchArticles, updateArticle } from './knowledge.service.ts';
import { ArticleIndex } from './memory-index.ts';
import type { SearchFilters } from './search-index.ts';
import { indexTokens } from './search-text.ts';

describe.each(databaseKinds)('the search index after a restart, from its snapshot (%s)', (kind) => {
  let database: TestDatabase;
  let agent: Parameters<typeof createArticle>[1];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-snapshot-'));
  const file = path.join(folder, 'search-index.snapshot');
  const pools: Db[] = [];
  /** A second pool on the same database stands in for a process started anew. */
  const restart = async (options: LoadOptions = {}) => {
    const pool = database.url ? openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : openDatabase({ kind: 'sqlite', file: database.file! });
    pools.push(pool);
    let how: Parameters<NonNullable<LoadOptions['onReady']>>[0] | undefined;
    await loadArticleIndex(pool, { snapshot: file, ...options, onReady: (ready) => (how = ready) });
    expect(articleIndexState(pool)).toBe('ready');
    return { pool, how: how! };
  };
  const results = async (db: Db, q: string) => (JSON.parse((await searchArticles(db, null, { q, limit: 20 })).toString('utf8')) as z.infer<typeof searchResults>).items;
  /** The same results pages as an index read from every article now. */
  const sameAsFresh = async (pool: Db, queries: string[]) => {
    const fresh = await restart({ snapshot: undefined });
    expect(fresh.how.from).toBe('articles');
    for (const q of queries) expect(await results(pool, q), q).toEqual(await results(fresh.pool, q));
  };
  const QUERIES = ['license', 'license server', 'ライセンス', 'らいせんす', '認証 設定', 'dongle', 'ドングル', 'wombat', 'nothing-like-it'];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { id } = await seedPerson(database.db, { roles: ['agent'] });
    agent = { person: (await findPersonById(database.db, id))!, roles: await rolesOf(database.db, id) };
    // The benchmark's articles (half Japanese), some with products, and hand-written ones folded by kana.
    const product = (await database.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const articles = Array.from({ length: 300 }, (_, i) => ({ ...benchArticle(i), visibility: i % 10 === 0 ? 'customers' : 'public', state: i % 17 === 0 ? 'draft' : 'published', productIds: i % 5 === 0 ? [product] : [] }));
    await database.db.transaction().execute((trx) => insertArticles(trx, articles, null, 1));
    await createArticle(database.db, agent, { title: 'らいせんすの更新', body: 'ライセンスサーバーを再起動します。', language: 'ja', visibility: 'public', state: 'published', productIds: [] }, 2);
    await createArticle(database.db, agent, { title: 'Resetting the dongle', body: 'Unplug the dongle and plug it in again.', language: 'en', visibility: 'public', state: 'published', productIds: [product] }, 2);
  });
  afterAll(async () => {
    for (const pool of pools) await pool.destroy();
    await database.cleanup();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('searches a snapshot exactly as the index it was written from, also after articles are written into it', async () => {
    const fresh = await readArticleIndex(database.db);
    const stamp = { database: 7 };
    const restored = indexFromSnapshot(snapshotBytes(fresh, stamp), stamp);
    if (typeof restored === 'string') throw new Error(restored);
    expect(restored.size).toBe(fresh.size);
    expect(restored.generation).toBe(fresh.generation);
    const filterSets: SearchFilters[] = [
      { states: ['published'], visibilities: ['public'] },
      { states: ['draft', 'published', 'retired'], visibilities: ['public', 'customers', 'internal'], language: 'ja' },
      { states: ['published'], visibilities: ['public', 'customers'], productId: 1 },
    ];
    const same = () => {
      for (const q of QUERIES) for (const filters of filterSets) expect(restored.search(indexTokens(q).map((token) => [token]), filters, 50), q).toEqual(fresh.search(indexTokens(q).map((token) => [token]), filters, 50));
    };
    same();
    // Its lists' blocks are views into the snapshot's buffer: written into, rewritten and emptied alike.
    const changed = Array.from({ length: 60 }, (_, i) => ({ id: 1 + i * 3, number: `KB${i}`, ...benchArticle(1_000 + i), visibility: 'public', state: 'published', productIds: [] }));
    const added = Array.from({ length: 100 }, (_, i) => ({ id: 2_000 + i, number: `KB${2_000 + i}`, ...benchArticle(2_000 + i), visibility: 'public', state: 'published', productIds: [] }));
    for (const index of [fresh, restored]) {
      for (const article of changed) index.put(article);
      index.putMany(added);
    }
    same();
  });

  it('after a restart answers from the snapshot the process before wrote, with what was written since read on top', async () => {
    const first = await restart();
    expect(first.how).toMatchObject({ from: 'articles', reason: 'none written yet' });
    await expect.poll(() => fs.existsSync(file)).toBe(true);
    // Written after the snapshot: published, rewritten, retired, made a draft.
    await createArticle(database.db, agent, { title: 'Wombat care', body: 'Feed the ウォンバット daily.', language: 'en', visibility: 'public', state: 'published', productIds: [] }, 3);
    const numberOf = async (title: string) => (await database.db.selectFrom('articles').select('number').where('title', '=', title).executeTakeFirstOrThrow()).number;
    await updateArticle(database.db, agent, await numberOf('らいせんすの更新'), { title: 'ライセンスの返却', body: '着払いで送ります。' }, 3);
    await updateArticle(database.db, agent, await numberOf('Resetting the dongle'), { state: 'retired' }, 3);
    const second = await restart();
    expect(second.how).toMatchObject({ from: 'snapshot', articles: 303 });
    expect((await results(second.pool, 'wombat')).map((item) => item.title)).toEqual(['Wombat care']);
    expect((await results(second.pool, 'ウォンバット')).map((item) => item.title)).toEqual(['Wombat care']);
    expect((await results(second.pool, 'らいせんす')).map((item) => item.title)).toContain('ライセンスの返却');
    expect((await results(second.pool, 'dongle')).map((item) => item.title)).not.toContain('Resetting the dongle');
    await sameAsFresh(second.pool, [...QUERIES, '着払い', '再起動']);
  });

  it('reads every article instead when the snapshot is damaged, of another format or of another database, and finds the same', async () => {
    const good = fs.readFileSync(file);
    // Each case in a file of its own: the process that reads every article writes a good one there.
    const from = (name: string, bytes: Buffer) => {
      const copy = path.join(folder, name);
      fs.writeFileSync(copy, bytes);
      return { snapshot: copy };
    };
    const damaged = Buffer.from(good);
    damaged[damaged.length >> 1]! ^= 0x10;
    expect((await restart(from('damaged', damaged))).how).toMatchObject({ from: 'articles', reason: 'damaged (its checksum does not match)' });
    expect((await restart(from('short', good.subarray(0, good.length - 100)))).how).toMatchObject({ from: 'articles', reason: 'damaged (its checksum does not match)' });
    // A header saying another format, with a checksum that fits it.
    const older = Buffer.from(good.toString('latin1').replace(`"format":${SNAPSHOT_FORMAT},`, `"format":${SNAPSHOT_FORMAT - 1},`), 'latin1');
    older.writeUInt32LE(crc32(older.subarray(0, older.length - 4)), older.length - 4);
    expect((await restart(from('older', older))).how).toMatchObject({ from: 'articles', reason: 'written by another version' });
    const other = from('other', good);
    await database.db.updateTable('counters').set({ value: 12345 }).where('name', '=', 'search_snapshot_database').execute();
    const another = await restart(other);
    expect(another.how).toMatchObject({ from: 'articles', reason: 'of another database' });
    await sameAsFresh(another.pool, QUERIES);
    // What it wrote instead is used at the next start.
    await expect.poll(() => indexFromSnapshot(fs.readFileSync(other.snapshot), { database: 12345 }), { timeout: 30_000 }).toBeInstanceOf(ArticleIndex);
    expect((await restart(other)).how).toMatchObject({ from: 'snapshot' });
  });

  it('writes the snapshot again once it has read a tenth of the index anew (at least 1,000 articles), also at a start', async () => {
    const { pool } = await restart();
    const stamp = { database: Number((await database.db.selectFrom('counters').select('value').where('name', '=', 'search_snapshot_database').executeTakeFirstOrThrow()).value) };
    const written = (snapshot = file) => {
      const index = indexFromSnapshot(fs.readFileSync(snapshot), stamp);
      return typeof index === 'string' ? index : index.size;
    };
    await expect.poll(() => written(), { timeout: 30_000 }).toBe(303);
    const behind = path.join(folder, 'behind');
    fs.copyFileSync(file, behind);
    const imported = Array.from({ length: 1_000 }, (_, i) => ({ title: `Capybara ${i}`, body: 'Brush the capybara.', language: 'en', visibility: 'public', state: 'published', productIds: [] }));
    await database.db.transaction().execute((trx) => insertArticles(trx, imported, null, 4));
    // A search sets the catch-up going (in the background: it is more than a page of articles).
    await expect.poll(async () => (await results(pool, 'capybara')).length, { timeout: 60_000 }).toBe(20);
    await expect.poll(() => written(), { timeout: 60_000 }).toBe(1_303);
    // A process started on a snapshot that far behind writes it again once it has read the rest.
    expect((await restart({ snapshot: behind })).how).toMatchObject({ from: 'snapshot', articles: 1_303 });
    await expect.poll(() => written(behind), { timeout: 60_000 }).toBe(1_303);
  });
});
