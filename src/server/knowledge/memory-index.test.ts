import { beforeAll, describe, expect, it } from 'vitest';
import { random } from '../../../bench/knowledge-corpus.ts';
import type { IndexedArticle } from './article-table.ts';
import { ArticleIndex } from './memory-index.ts';
import { CANDIDATES } from './scoring.ts';
import type { SearchFilters } from './search-index.ts';
import { indexTokens, snippetText } from './search-text.ts';

describe('the search index in memory', () => {
  // Few words, so every word's list spans many blocks and is dense (kept as bits too), and a rare
  // one that is walked; articles written out of id order and rewritten, so postings go into the
  // middle of blocks and blocks split and empty.
  const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet'.split(' ');
  const RARE = 'kilo';
  const rnd = random(7);
  const pick = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!).join(' ');
  const rarely = (text: string, share: number) => (rnd() < share ? `${text} ${RARE}` : text);
  const make = (id: number): IndexedArticle => ({
    id,
    number: `KB${id}`,
    title: rarely(pick(2), 0.02),
    body: rarely(pick(1 + Math.floor(rnd() * 12)), 0.02),
    language: rnd() < 0.5 ? 'en' : 'ja',
    visibility: rnd() < 0.2 ? 'internal' : 'public',
    state: rnd() < 0.1 ? 'draft' : 'published',
    productIds: rnd() < 0.3 ? [1 + Math.floor(rnd() * 3)] : [],
  });
  const current = new Map<number, IndexedArticle>();
  const index = new ArticleIndex();
  // The same articles with every list's blocks walked: dense lists' bits and lists kept plain must
  // change no hit and no score; and with room for few plain lists, so they are given up and decoded again.
  const walkedOnly = new ArticleIndex(0, 0);
  const fewPlain = new ArticleIndex(undefined, 400);
  const indexes = [index, walkedOnly, fewPlain];
  const put = (article: IndexedArticle) => {
    current.set(article.id, article);
    for (const each of indexes) each.put(article);
  };
  const putMany = (articles: IndexedArticle[]) => {
    for (const article of articles) current.set(article.id, article);
    for (const each of indexes) each.putMany(articles);
  };

  /** Every allowed article holding a word of each group, the newest first: what the index must find. */
  const expected = (groups: string[][], filters: SearchFilters, where: 'title' | 'text') =>
    [...current.values()]
      .filter((a) => filters.states.includes(a.state) && filters.visibilities.includes(a.visibility) && (!filters.language || a.language === filters.language) && (!filters.productId || a.productIds.includes(filters.productId)))
      .filter((a) => {
        const tokens = new Set(indexTokens(where === 'title' ? a.title : `${a.title} ${a.body}`));
        return groups.every((words) => words.some((w) => tokens.has(w)));
      })
      .map((a) => a.id)
      .sort((x, y) => y - x);

  /** `groups`: each word with its spelling alternatives. */
  const check = (groups: string[][], filters: SearchFilters) => {
    const hits = index.search(groups, filters, 10_000);
    expect(hits).toEqual(walkedOnly.search(groups, filters, 10_000));
    expect(fewPlain.search(groups, filters, 10_000)).toEqual(hits);
    const inTitle = expected(groups, filters, 'title').slice(0, CANDIDATES);
    const inText = expected(groups, filters, 'text').slice(0, CANDIDATES);
    expect(hits.filter((h) => h.inTitle).map((h) => h.articleId).sort((x, y) => y - x)).toEqual(inTitle);
    expect(hits.map((h) => h.articleId).sort((x, y) => y - x)).toEqual([...new Set([...inTitle, ...inText])].sort((x, y) => y - x));
    // What the results page shows comes with each hit, as the article is now.
    for (const hit of hits) {
      const { number, title, language, visibility, state, productIds, body } = current.get(hit.articleId)!;
      expect(hit.article).toEqual({ number, title, language, visibility, state, productIds, opening: { text: snippetText(body), whole: true } });
    }
  };
  const filterSets: SearchFilters[] = [
    { states: ['published'], visibilities: ['public'] },
    { states: ['draft', 'published'], visibilities: ['public', 'internal'], language: 'ja' },
    { states: ['published'], visibilities: ['public', 'internal'], productId: 2 },
  ];
  const queries = [['alpha'], ['bravo', 'golf'], ['charlie', 'delta', 'echo'], ['india', 'india'], ['zulu'], ['alpha', 'zulu'], [RARE], [RARE, 'alpha'], ['hotel', RARE, 'juliet']].map((words) => words.map((word) => [word]));
  // Spelling alternatives: a word matched by any of its corrections.
  queries.push([['alpha', RARE], ['bravo']], [[RARE], ['delta', 'zulu'], ['echo']]);

  beforeAll(() => {
    // Even ids first, then the odd ones between them, then the newest, together as a load reads
    // them and with one older among them: 3,000 articles.
    for (let id = 2; id <= 2_400; id += 2) put(make(id));
    for (let id = 1; id <= 2_399; id += 2) put(make(id));
    putMany([...Array.from({ length: 600 }, (_, i) => make(2_401 + i)), make(2_399)]);
  });

  it('finds exactly the articles holding every word that the filters allow, also after writes out of order', () => {
    expect(index.size).toBe(3_000);
    for (const words of queries) for (const filters of filterSets) check(words, filters);
  });

  it('finds rewritten articles by their new text only, and follows state and product changes', () => {
    for (let n = 0; n < 800; n++) {
      const id = 1 + Math.floor(rnd() * 3_000);
      const before = current.get(id)!;
      // A third change only the state, visibility or products: the postings stay as they are.
      put(rnd() < 0.33 ? { ...make(id), title: before.title, body: before.body } : make(id));
    }
    expect(index.size).toBe(3_000);
    for (const words of queries) for (const filters of filterSets) check(words, filters);
  });

  it('finds articles added in bulk after searches have turned lists into bits', () => {
    putMany(Array.from({ length: 300 }, (_, i) => make(3_001 + i)));
    for (const words of queries) for (const filters of filterSets) check(words, filters);
  });

  it('finds articles added one by one after searches have kept lists as plain arrays', () => {
    for (let id = 3_301; id <= 3_340; id++) put(make(id));
    for (const words of queries) for (const filters of filterSets) check(words, filters);
  });

  it('keeps lists plain within its budget, giving up those kept longest but never one in use, and finds the same', () => {
    // Six words, each in every sixth article (3 blocks of postings), never two in one article: a
    // search of two of them walks both lists to their end. Only "common" is kept as bits.
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const plain = new ArticleIndex(4, 1_000);
    const blocks = new ArticleIndex(0, 0);
    const published = { states: ['published'], visibilities: ['public'] };
    for (let id = 1; id <= 2_400; id++) {
      const article = { id, number: `KB${id}`, title: 'Note', body: `${words[id % 6]} common`, language: 'en', visibility: 'public', state: 'published', productIds: [] };
      plain.put(article);
      blocks.put(article);
    }
    for (let round = 0; round < 3; round++) {
      for (const first of words) {
        for (const second of [...words, 'common']) {
          const terms = [[first], [second]];
          expect(plain.search(terms, published, 20)).toEqual(blocks.search(terms, published, 20));
        }
      }
      // Lists of 400 postings: two fit in the ring, and more were walked through again; a search of two
      // lists needs the place of one it is using at times, and walks the other on its blocks then.
      expect(plain.plainPostings).toBeGreaterThan(0);
      expect(plain.plainPostings).toBeLessThanOrEqual(1_000);
    }
    expect(blocks.plainPostings).toBe(0);
  });

  it('forgets a word an article no longer holds, also in a list kept as bits', () => {
    const small = new ArticleIndex();
    const published = { states: ['published'], visibilities: ['public'] };
    const article = (id: number, body: string) => small.put({ id, number: `KB${id}`, title: 'Note', body, language: 'en', visibility: 'public', state: 'published', productIds: [] });
    for (let id = 1; id <= 100; id++) article(id, 'alpha bravo');
    expect(small.search([['alpha'], ['bravo']], published, 200)).toHaveLength(100);
    // Only removed from the list of "alpha": nothing is added to it.
    article(50, 'bravo');
    expect(small.search([['alpha'], ['bravo']], published, 200).map((hit) => hit.articleId)).not.toContain(50);
    expect(small.search([['bravo']], published, 200)).toHaveLength(100);
  });

  it('ranks title matches first, then by relevance, and a misspelling by any of its corrections', () => {
    const small = new ArticleIndex();
    const published = { states: ['published'], visibilities: ['public'] };
    const article = (id: number, title: string, body: string) => small.put({ id, number: `KB${id}`, title, body, language: 'en', visibility: 'public', state: 'published', productIds: [] });
    article(1, 'Dongle driver', 'Install the driver.');
    article(2, 'Notes', 'The dongle driver, the dongle driver and the dongle.');
    article(3, 'Notes', 'A dongle.');
    article(4, 'Other', 'A driver.');
    expect(small.search([['dongle']], published, 10).map((h) => [h.articleId, h.inTitle])).toEqual([[1, true], [2, false], [3, false]]);
    expect(small.search([['donglee', 'dongle'], ['driver']], published, 10).map((h) => h.articleId)).toEqual([1, 2]);
    expect(small.search([['dongle']], published, 1).map((h) => h.articleId)).toEqual([1]);
    // Article 1's body names the driver but not the dongle: a snippet of the dongle is not in it.
    expect(small.search([['dongle']], published, 10).filter((h) => h.inTitle).map((h) => h.bodyMatch)).toEqual([false]);
    expect(small.search([['driver']], published, 10).filter((h) => h.inTitle).map((h) => h.bodyMatch)).toEqual([true]);
  });
});
