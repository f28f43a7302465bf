import { describe, expect, it } from 'vitest';
import { CursorBuffers, PostingsCursor } from './list-walk.ts';
import { Postings } from './postings.ts';
import { CANDIDATES, Matches, newestMatches, type Walk } from './scoring.ts';

const listOf = (counts: Array<[number, number]>) => {
  const list = new Postings();
  for (const [id, tf] of counts) list.add(id, tf);
  return list;
};

describe('scoring', () => {
  const walkOver = (articles: number, newestId: number, dense = false): Walk => ({ articles, newestId, cursor: (list) => new PostingsCursor(list, new CursorBuffers().take()), dense: (list) => (dense ? list.dense(newestId, 1_000) : null) });

  it('scores the newest articles holding every word by bm25: a rarer word, more occurrences and a shorter text score higher', () => {
    const lengths = new Uint32Array(10).fill(10);
    lengths[4] = 40;
    const common = listOf([[2, 1], [3, 1], [4, 1], [5, 3], [6, 1], [7, 1], [8, 1]]);
    const rare = listOf([[3, 1], [4, 1], [5, 1]]);
    for (const dense of [false, true]) {
      const matches = new Matches();
      const found = newestMatches(walkOver(9, 9, dense), [[common], [rare]], (id) => id !== 3, { lengths, total: 90 + 30 }, matches);
      expect([...matches.ids.subarray(0, found)]).toEqual([5, 4]);
      expect(matches.scores[0]).toBeGreaterThan(matches.scores[1]!);
      // A word held by fewer articles weighs more.
      const alone = new Matches();
      newestMatches(walkOver(9, 9, dense), [[rare]], () => true, { lengths, total: 120 }, alone);
      const commonAlone = new Matches();
      newestMatches(walkOver(9, 9, dense), [[common]], () => true, { lengths, total: 120 }, commonAlone);
      expect(alone.scores[2]).toBeGreaterThan(commonAlone.scores[commonAlone.ids.indexOf(3)]!);
    }
  });

  it(`stops after the newest ${CANDIDATES} matches`, () => {
    const list = listOf(Array.from({ length: CANDIDATES + 50 }, (_, i): [number, number] => [i + 1, 1]));
    const matches = new Matches();
    expect(newestMatches(walkOver(CANDIDATES + 50, CANDIDATES + 50), [[list]], () => true, { lengths: new Uint32Array(CANDIDATES + 51).fill(5), total: 5 * (CANDIDATES + 50) }, matches)).toBe(CANDIDATES);
    expect(matches.ids[CANDIDATES - 1]).toBe(51);
  });

  it('picks the best first, equal scores newest first, leaving out those it is told to skip', () => {
    const matches = new Matches();
    [10, 11, 12, 13, 14].forEach((id, i) => {
      matches.ids[i] = id;
      matches.scores[i] = [1, 3, 3, 2, 5][i]!;
    });
    expect(matches.best(5, 3, () => false).map((m) => m.articleId)).toEqual([14, 12, 11]);
    expect(matches.best(5, 3, (id) => id === 12).map((m) => m.articleId)).toEqual([14, 11, 13]);
  });
});
