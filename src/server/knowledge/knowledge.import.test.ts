import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers.ts';
import { importArticles, ImportError } from './knowledge.import.ts';
import { searchStoredIndex } from './search-index.ts';
import { queryTokens } from './search-text.ts';

describe.each(databaseKinds)('knowledge base import (%s)', (kind) => {
  let database: TestDatabase;
  let dir: string;
  const article = (fields: Record<string, unknown> = {}) => JSON.stringify({ title: 'Installing the runtime', body: 'Run the **installer**.', language: 'en', visibility: 'public', state: 'published', products: ['Sentinel LDK'], ...fields });
  const file = (name: string, lines: string[]) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, lines.join('\r\n'));
    return at;
  };
  const count = async (table: 'articles' | 'article_revisions' | 'article_products') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-import-'));
    await database.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).execute();
  });
  afterAll(async () => {
    await database.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every article the way the editor does: numbered, with a revision, products and a search entry', async () => {
    const imported = await importArticles(database.db, file('good.jsonl', [article(), article({ title: 'ドングルのドライバー更新', body: 'ドライバーを更新します。', language: 'ja', products: [] })]), 1_000);
    expect(imported).toBe(2);
    expect(await database.db.selectFrom('articles').select(['number', 'published_at', 'author_id']).orderBy('id').execute()).toEqual([
      { number: 'KB0000001', published_at: 1_000, author_id: null },
      { number: 'KB0000002', published_at: 1_000, author_id: null },
    ]);
    expect([await count('article_revisions'), await count('article_products')]).toEqual([2, 1]);
    const published = { states: ['published'], visibilities: ['public'] };
    expect(await searchStoredIndex(database.db, queryTokens('installer').map((token) => [token]), published, 10)).toHaveLength(1);
    expect(await searchStoredIndex(database.db, queryTokens('ドライバー').map((token) => [token]), published, 10)).toHaveLength(1);
  });

  it('imports nothing when any line is bad, and names every bad line', async () => {
    const bad = file('bad.jsonl', [article(), article(), '[1, 2]', article({ products: ['Unknown'] }), article({ state: 'archived' })]);
    const error = await importArticles(database.db, bad, 2_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problems).toEqual(['line 3: each line must be one JSON object', 'line 4: no product is named "Unknown"', 'line 5: state must be "draft", "published" or "retired"']);
    expect(await count('articles')).toBe(2);
  });
});
