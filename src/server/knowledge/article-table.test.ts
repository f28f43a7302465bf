import { describe, expect, it } from 'vitest';
import { ArticleTable, type IndexedArticle } from './article-table.ts';

describe('the per-article table', () => {
  const article = (id: number, changes: Partial<IndexedArticle> = {}): IndexedArticle => ({ id, number: `KB${id}`, title: 'Dongle', body: 'Unplug  the\ndongle.', language: 'en', visibility: 'public', state: 'published', productIds: [], ...changes });

  it('keeps lengths and their sums as articles are written and rewritten', () => {
    const table = new ArticleTable();
    for (const [id, title, body] of [[5, 2, 10], [2_000, 3, 4], [5, 1, 1]] as const) {
      table.grow(id);
      table.describe(article(id), title, body, id);
    }
    expect([table.articles, table.newestId, table.totalTextLength, table.totalTitleLength]).toEqual([2, 2_000, 2 + 7, 1 + 3]);
    expect([table.has(5), table.has(6), table.has(1_000_000)]).toEqual([true, false, false]);
    expect(table.hash(5)).toBe(5);
  });

  it('allows an article by state, visibility, language and product, and shows it as the results page does', () => {
    const table = new ArticleTable();
    table.grow(3);
    table.describe(article(1), 1, 1, 0);
    table.describe(article(2, { visibility: 'internal', language: 'ja', productIds: [7] }), 1, 1, 0);
    table.describe(article(3, { state: 'draft', productIds: [7, 8] }), 1, 1, 0);
    const allowedIds = (filters: Parameters<ArticleTable['allowed']>[0]) => [1, 2, 3].filter(table.allowed(filters));
    expect(allowedIds({ states: ['published'], visibilities: ['public'] })).toEqual([1]);
    expect(allowedIds({ states: ['published', 'draft'], visibilities: ['public', 'internal'], productId: 7 })).toEqual([2, 3]);
    expect(allowedIds({ states: ['published', 'draft'], visibilities: ['public', 'internal'], language: 'ja' })).toEqual([2]);
    // A change of attributes only keeps the opening.
    table.describeFilters(article(1, { title: 'Renamed', body: 'not read' }));
    expect(table.summary(1)).toEqual({ number: 'KB1', title: 'Renamed', language: 'en', visibility: 'public', state: 'published', productIds: [], opening: { text: 'Unplug the dongle.', whole: true } });
  });

  it('shows Japanese and English texts as written, also after many rewrites have made the buffer copy what it still shows', () => {
    const table = new ArticleTable();
    table.grow(2);
    const japanese = (round: number) => article(2, { title: `ドングル ${round}`, body: `古いドングルを返送します。${'説明。'.repeat(round % 50)}`, language: 'ja' });
    for (let round = 0; round < 2_000; round++) {
      table.describe(article(1, { title: `Dongle ${round}`, body: `Unplug it. ${'More. '.repeat(round % 100)}` }), 1, 1, round);
      table.describe(japanese(round), 1, 1, round);
    }
    expect(table.summary(1)).toMatchObject({ title: 'Dongle 1999', opening: { text: `Unplug it. ${'More. '.repeat(99)}`, whole: true } });
    expect(table.summary(2)).toMatchObject({ number: 'KB2', title: 'ドングル 1999', language: 'ja', opening: { text: `古いドングルを返送します。${'説明。'.repeat(49)}`, whole: true } });
    expect(table.articles).toBe(2);
    expect(table.summary(3)).toBeUndefined();
  });

  it('is made again from what it saved, and writes later texts into the room after them', () => {
    const table = new ArticleTable();
    table.grow(2);
    table.describe(article(1), 1, 4, 1);
    table.describe(article(2, { title: 'ドングル', body: '返送します。', language: 'ja', productIds: [3, 4] }), 2, 3, 2);
    const { arrays, figures } = table.save();
    const room = new Uint8Array(arrays.shown.length + 100);
    room.set(arrays.shown);
    const restored = ArticleTable.restore({ ...arrays, shown: room }, figures);
    expect([1, 2, 3].map((id) => restored.summary(id))).toEqual([1, 2, 3].map((id) => table.summary(id)));
    expect([restored.articles, restored.totalTextLength, restored.hash(2)]).toEqual([2, 10, 2]);
    restored.describe(article(1, { title: 'Renamed', body: 'New.' }), 1, 1, 5);
    expect(restored.summary(1)).toMatchObject({ title: 'Renamed', opening: { text: 'New.' } });
    expect(Buffer.from(room).toString('latin1', arrays.shown.length, arrays.shown.length + 14)).toBe('KB1RenamedNew.');
  });
});
