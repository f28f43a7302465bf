import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { cachedSearch, cacheSearch } from './search-cache.ts';

// The kept answers are per database object; these tests need no database behind it.
const someDatabase = () => ({}) as Db;

describe('kept search answers', () => {
  it('keeps an answer from the second time its search is asked, for the generation it was computed at', () => {
    const db = someDatabase();
    cacheSearch(db, 1, 'licence', 'first');
    expect(cachedSearch(db, 1, 'licence')).toBeUndefined();
    cacheSearch(db, 1, 'licence', 'second');
    expect(cachedSearch(db, 1, 'licence')).toBe('second');
    expect(cachedSearch(db, 2, 'licence')).toBeUndefined();
  });

  it('keeps the answer of a search whose answer was kept before at the first ask after a write', () => {
    const db = someDatabase();
    cacheSearch(db, 1, 'licence', 'once');
    cacheSearch(db, 1, 'licence', 'kept');
    expect(cachedSearch(db, 2, 'licence')).toBeUndefined();
    cacheSearch(db, 2, 'licence', 'after the write');
    expect(cachedSearch(db, 2, 'licence')).toBe('after the write');
  });

  it('keeps nothing of a run of different searches longer than its window, even when the run comes round again', () => {
    const db = someDatabase();
    // Fewer than the answers kept at most: only the window keeps them out.
    const searches = Array.from({ length: 1_500 }, (_, i) => `query ${i}`);
    for (let round = 0; round < 3; round++) for (const key of searches) cacheSearch(db, 1, key, key);
    expect(searches.filter((key) => cachedSearch(db, 1, key) !== undefined)).toEqual([]);
  });

  it('keeps a search asked again soon among many different ones', () => {
    const db = someDatabase();
    for (let i = 0; i < 500; i++) {
      cacheSearch(db, 1, `one-off ${i}`, 'x');
      if (i % 100 === 0) cacheSearch(db, 1, 'popular', 'answer');
    }
    expect(cachedSearch(db, 1, 'popular')).toBe('answer');
  });
});
