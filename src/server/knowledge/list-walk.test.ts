import { describe, expect, it } from 'vitest';
import { CursorBuffers, EitherCursor, highestCommonBit, PlainCursor, PlainLists, PostingsCursor, type Cursor } from './list-walk.ts';
import { Postings } from './postings.ts';

const listOf = (ids: number[]) => {
  const list = new Postings();
  for (const id of ids) list.add(id, 1 + (id % 5));
  return list;
};

/** Every id a cursor lands on when asked for each target from `from` down. */
const walk = (cursor: Cursor, from: number) => {
  const seen: number[] = [];
  for (let target = from; target >= 0; target--) {
    const id = cursor.advanceTo(target);
    if (id < 0) break;
    if (seen[seen.length - 1] !== id) seen.push(id);
    target = id;
  }
  return seen;
};

describe('the walk over lists', () => {
  const ids = Array.from({ length: 700 }, (_, i) => 4 * i + (i % 3));

  it('walks a list from the newest down on its blocks, as on its plain arrays, with the counts beside', () => {
    const list = listOf(ids);
    const buffers = new CursorBuffers();
    const onBlocks = new PostingsCursor(list, buffers.take());
    expect(walk(onBlocks, 10_000)).toEqual([...ids].reverse());
    const plain = { ids: new Int32Array(list.size), tfs: new Uint8Array(list.size) };
    list.decodeInto(plain.ids, plain.tfs);
    const onPlain = new PlainCursor(plain);
    expect(walk(onPlain, 10_000)).toEqual([...ids].reverse());
    // Skipping: the newest id at or below the target, never back up.
    const skipping = new PostingsCursor(list, buffers.take());
    expect(skipping.advanceTo(1_000)).toBe(ids.filter((id) => id <= 1_000).pop());
    expect(skipping.tf()).toBe(1 + (skipping.id % 5));
    expect(skipping.advanceTo(2_000)).toBe(skipping.id);
    expect(skipping.advanceTo(-5)).toBe(-1);
  });

  it('walks a word with spelling alternatives as the union of their lists, their counts summed', () => {
    const either = () => new EitherCursor([new PostingsCursor(listOf([1, 5, 9]), new CursorBuffers().take()), new PostingsCursor(listOf([5, 7]), new CursorBuffers().take())]);
    expect(walk(either(), 100)).toEqual([9, 7, 5, 1]);
    const cursor = either();
    expect(cursor.advanceTo(6)).toBe(5);
    // Article 5 holds the word and its alternative, once each (listOf counts 1 + id % 5).
    expect(cursor.tf()).toBe(2);
  });

  it('finds the highest id whose bit every list sets', () => {
    const bits = (ids: number[]) => {
      const words = new Uint32Array(4);
      for (const id of ids) words[id >>> 5]! |= 1 << (id & 31);
      return words;
    };
    const lists = [bits([3, 40, 64, 100, 127]), bits([3, 41, 64, 127])];
    expect(highestCommonBit(lists, 127)).toBe(127);
    expect(highestCommonBit(lists, 126)).toBe(64);
    expect(highestCommonBit(lists, 63)).toBe(3);
    expect(highestCommonBit(lists, 2)).toBe(-1);
  });

  it('keeps a list plain once walked past its middle, within its budget, never giving up one in use', () => {
    const plain = new PlainLists(1_000);
    const [a, b] = [listOf(ids.slice(0, 600)), listOf(ids.slice(0, 500))];
    const deepWalk = (list: Postings) => {
      const cursor = new PostingsCursor(list, new CursorBuffers().take());
      cursor.advanceTo(-1);
      return cursor;
    };
    expect(plain.of(a)).toBeNull();
    plain.walked([deepWalk(a), deepWalk(b)]);
    expect(plain.of(a)!.ids).toEqual(Int32Array.from(ids.slice(0, 600)));
    // b does not fit beside a, which the search under way uses.
    expect(plain.of(b)).toBeNull();
    plain.startSearch();
    plain.walked([deepWalk(b)]);
    expect(plain.of(b)!.ids.length).toBe(500);
    expect(a.asPlain).toBeNull();
    expect(plain.size).toBe(500);
  });
});
