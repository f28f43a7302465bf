import { allBitsSet, EitherCursor, highestCommonBit, type Cursor } from './list-walk.ts';
import type { DenseList, Postings } from './postings.ts';

/**
 * Scoring (memory-index.ts): the newest matches of every word of a query, each scored by bm25, and
 * the best of them.
 */

/** How many of the newest matches are scored, in the titles and in the whole text. */
export const CANDIDATES = 200;
// bm25's usual constants; the title weighs ten times the body, as in the SQLite index.
const K1 = 1.2;
const B = 0.75;
export const TITLE_WEIGHT = 10;

/** One walk's matches, in arrays kept for the next search. */
export class Matches {
  readonly ids = new Int32Array(CANDIDATES);
  readonly scores = new Float64Array(CANDIDATES);

  /** The `limit` best of the first `count`, best first (equal scores: newest first), leaving out those `skip` names. */
  best(count: number, limit: number, skip: (id: number) => boolean): Array<{ articleId: number; score: number }> {
    const chosen: number[] = [];
    const before = (x: number, y: number) => this.scores[x]! > this.scores[y]! || (this.scores[x] === this.scores[y] && this.ids[x]! > this.ids[y]!);
    for (let i = 0; i < count; i++) {
      if (chosen.length === limit && !before(i, chosen[limit - 1]!)) continue;
      if (skip(this.ids[i]!)) continue;
      let at = chosen.length === limit ? limit - 1 : chosen.length;
      while (at > 0 && before(i, chosen[at - 1]!)) {
        chosen[at] = chosen[at - 1]!;
        at--;
      }
      chosen[at] = i;
    }
    return chosen.map((i) => ({ articleId: this.ids[i]!, score: this.scores[i]! }));
  }
}
/** What a walk needs of the index: its size, its newest id, and a cursor or the bits of a list. */
export type Walk = {
  articles: number;
  newestId: number;
  cursor: (list: Postings) => Cursor;
  dense: (list: Postings) => DenseList | null;
};

/** One side of the index a walk scores against: its lengths per article and their sum. */
export type Lengths = { lengths: Uint32Array; total: number };

/**
 * Writes the newest `CANDIDATES` allowed articles in every one of the terms' lists, each with its
 * bm25 score, into `matches`; returns how many.
 */
export function newestMatches(walk: Walk, terms: Postings[][], allowed: (id: number) => boolean, { lengths, total }: Lengths, matches: Matches): number {
  if (terms.some((lists) => lists.length === 0)) return 0;
  const groups = terms.map((lists) => {
    const df = Math.max(...lists.map((list) => list.size));
    // A word with spelling alternatives walks its lists.
    const dense = lists.length === 1 ? walk.dense(lists[0]!) : null;
    const cursor: Cursor | null = dense ? null : lists.length === 1 ? walk.cursor(lists[0]!) : new EitherCursor(lists.map((list) => walk.cursor(list)));
    return { cursor, df, dense, idf: Math.log(1 + (walk.articles - df + 0.5) / (df + 0.5)) };
  });
  groups.sort((a, b) => a.df - b.df);
  const walked = groups.flatMap((group) => group.cursor ?? []);
  const dense = groups.flatMap((group) => group.dense?.bits ?? []);
  const lead = walked[0];
  // The rarest walked word leads and every other walked list only skips to where it stands; a
  // candidate goes on only if its bit is set in every dense list. With no word to walk, the
  // dense lists' common bits are the candidates.
  const newestAgreeing = !lead
    ? (below: number) => highestCommonBit(dense, below)
    : (below: number) => {
        let candidate = lead.advanceTo(below);
        while (candidate >= 0) {
          if (!allBitsSet(dense, candidate)) {
            candidate = lead.advanceTo(candidate - 1);
            continue;
          }
          let at = candidate;
          let w = 1;
          for (; w < walked.length && at === candidate; w++) at = walked[w]!.advanceTo(candidate);
          if (at === candidate) return candidate;
          // The list that turned the candidate down is asked first next time: a word's own pairs
          // agree with the lead almost always, the other word's rarest pair seldom (6% fewer
          // steps for two Japanese words).
          if (w > 2) {
            const failed = walked[w - 1]!;
            walked.copyWithin(2, 1, w - 1);
            walked[1] = failed;
          }
          candidate = at < 0 ? -1 : lead.advanceTo(at);
        }
        return -1;
      };
  const averageLength = total / Math.max(1, walk.articles);
  let found = 0;
  for (let candidate = newestAgreeing(walk.newestId); candidate >= 0 && found < CANDIDATES; candidate = newestAgreeing(candidate - 1)) {
    if (!allowed(candidate)) continue;
    const norm = K1 * (1 - B + (B * lengths[candidate]!) / averageLength);
    let score = 0;
    for (const group of groups) {
      const tf = group.dense ? group.dense.tf(candidate) : group.cursor!.tf();
      score += (group.idf * tf * (K1 + 1)) / (tf + norm);
    }
    matches.ids[found] = candidate;
    matches.scores[found] = score;
    found++;
  }
  return found;
}
