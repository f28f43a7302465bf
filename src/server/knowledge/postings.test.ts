import { describe, expect, it } from 'vitest';
import { random } from '../../../bench/knowledge-corpus.ts';
import { BLOCK, decode, encode, Postings } from './postings.ts';

/** Every posting of the list, oldest first. */
const decoded = (list: Postings) => {
  const ids = new Int32Array(list.size);
  const tfs = new Uint8Array(list.size);
  list.decodeInto(ids, tfs);
  return [...ids].map((id, i) => [id, tfs[i]!]);
};

describe("the postings' encoding", () => {
  it('gives back a block as written, large distances and counts included, and stops after the first id above a bound', () => {
    const ids = [3, 4, 200, 70_000, 2 ** 29, 2 ** 31 - 2];
    const tfs = [1, 2, 1, 255, 1, 7];
    const bytes = new Uint8Array(64);
    // At an offset, as blocks follow one another in a list's bytes.
    const end = encode(ids, tfs, ids.length, bytes, 5);
    // One byte for a first posting counted once, two for a small one counted more.
    expect(bytes[5]).toBe(6);
    const small = new Uint8Array(3);
    expect(encode([1, 2], [1, 3], 2, small, 0)).toBe(3);
    expect([...small]).toEqual([2, 3, 3]);
    const outIds = new Int32Array(ids.length);
    const outTfs = new Uint8Array(ids.length);
    expect(decode(bytes, 5, ids.length, outIds, outTfs)).toBe(ids.length - 1);
    expect([...outIds]).toEqual(ids);
    expect([...outTfs]).toEqual(tfs);
    expect(end).toBeGreaterThan(5 + ids.length);
    expect(decode(bytes, 5, ids.length, outIds, outTfs, 250)).toBe(2);
  });

  it('keeps a list in id order through appends, insertions into sealed blocks (which split) and removals', () => {
    const rnd = random(3);
    const list = new Postings();
    const expected = new Map<number, number>();
    for (let id = 2; id <= 4 * BLOCK; id += 2) {
      list.add(id, 1 + (id % 3));
      expected.set(id, 1 + (id % 3));
    }
    // Odd ids go into the middle of sealed blocks, which grow past twice their size and split.
    for (let id = 1; id < 4 * BLOCK; id += 2) {
      list.add(id, 1);
      expected.set(id, 1);
    }
    for (let n = 0; n < 300; n++) {
      const id = 1 + Math.floor(rnd() * 4 * BLOCK);
      expect(list.remove(id)).toBe(expected.delete(id));
    }
    const sorted = [...expected].sort((a, b) => a[0] - b[0]);
    expect(list.size).toBe(sorted.length);
    expect(decoded(list)).toEqual(sorted);
    expect(list.counts.every((count) => count > 0 && count <= 2 * BLOCK)).toBe(true);
    expect(list.ends.every((end, b) => end > (b === 0 ? 0 : list.ends[b - 1]!))).toBe(true);
  });

  it('answers counts from its bits once at least one article in `share` holds the token, and forgets them on a change', () => {
    const list = new Postings();
    for (let id = 10; id < 1_000; id += 10) list.add(id, id % 7 === 0 ? 3 : 1);
    expect(list.dense(1_000, 5)).toBeNull();
    const dense = list.dense(1_000, 16)!;
    expect([dense.count(70), dense.count(20), dense.count(21), dense.count(5_000)]).toEqual([3, 1, 0, 0]);
    list.add(1_005, 2);
    expect(list.dense(1_005, 16)).not.toBe(dense);
    expect(list.dense(1_005, 16)!.count(1_005)).toBe(2);
  });
});
