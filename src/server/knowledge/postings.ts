/**
 * The postings' encoding (memory-index.ts): one token's list of article ids, ascending, each with
 * how often the token occurs in the article, in blocks of compressed distances; and the same list
 * as one bit per article where it is dense.
 */

/** Postings a block holds once sealed; blocks that insertions grow past twice this are split. */
export const BLOCK = 128;

// Room for one decoded block; reused, as nothing here runs concurrently.
const scratchIds = new Int32Array(2 * BLOCK + 1);
const scratchTf = new Uint8Array(2 * BLOCK + 1);
const scratchBytes = new Uint8Array((2 * BLOCK + 1) * 6);

/**
 * Writes a block as bytes into `out` from `at`, returning where it ends: each posting is its id's
 * distance from the previous one, doubled, plus one if a count byte follows (most tokens occur
 * once in an article, so most postings are one byte).
 */
export function encode(ids: ArrayLike<number>, tfs: ArrayLike<number>, count: number, out: Uint8Array, at: number): number {
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const tf = tfs[i]!;
    let value = (ids[i]! - previous) * 2 + (tf === 1 ? 0 : 1);
    while (value >= 128) {
      out[at++] = (value & 127) | 128;
      value = Math.floor(value / 128);
    }
    out[at++] = value;
    if (tf !== 1) out[at++] = tf;
    previous = ids[i]!;
  }
  return at;
}

/**
 * Decodes the block at `bytes[start…]` into `ids` and `tfs`, stopping after the first id above
 * `above`: a walk from the newest down needs only the ids up to where it lands. Returns the index
 * of the last id not above it (-1 if none is).
 */
export function decode(bytes: Uint8Array, start: number, count: number, ids: Int32Array, tfs: Uint8Array, above = Infinity): number {
  let at = start;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let byte = bytes[at++]!;
    let value = byte & 127;
    if (byte >= 128) {
      // Integer arithmetic while the value fits 28 bits (every distance below 134 million ids).
      for (let shift = 7; byte >= 128 && shift < 28; shift += 7) {
        byte = bytes[at++]!;
        value |= (byte & 127) << shift;
      }
      for (let scale = 2 ** 28; byte >= 128; scale *= 128) {
        byte = bytes[at++]!;
        value += (byte & 127) * scale;
      }
    }
    // Most postings are one byte: their distance and count flag come by bit operations.
    previous += value < 0x40000000 ? value >> 1 : Math.floor(value / 2);
    ids[i] = previous;
    tfs[i] = (value < 0x40000000 ? value & 1 : value % 2) === 1 ? bytes[at++]! : 1;
    if (previous > above) return i - 1;
  }
  return count - 1;
}

/** Index of the first element of the ascending `values[from, to)` that is ≥ `target`. */
export function lowerBound(values: ArrayLike<number>, from: number, to: number, target: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The last index before `from` of the ascending `ids` whose id is at or below `target`, or -1:
 * galloping down from `from`, as a cursor's next target mostly lies a few postings below it.
 */
export function gallopBelow(ids: Int32Array, from: number, target: number): number {
  let hi = from - 1;
  if (hi < 0 || ids[hi]! <= target) return hi;
  let step = 1;
  while (hi - step >= 0 && ids[hi - step]! > target) {
    hi -= step;
    step *= 2;
  }
  return lowerBound(ids, Math.max(0, hi - step), hi, target + 1) - 1;
}

/**
 * A list held by at least one article in `DENSE_SHARE` (and by `DENSE_MIN` articles) is also kept
 * as a `DenseList` while searches use it. A search of several words tests each candidate in such
 * lists by a bit instead of skipping through their blocks, and reads a match's count there: a
 * block of 128 postings was decoded wherever a candidate or a match landed, most of what a search
 * of two common Japanese words cost.
 */
export const DENSE_SHARE = 16;
const DENSE_MIN = 64;

/**
 * A dense list as one bit per article id, with its counts in id order and, per 32 ids, how many
 * postings come before them: whether an article holds the token and how often is found in a few
 * steps, without decoding a block.
 */
export class DenseList {
  readonly bits: Uint32Array;
  private readonly before: Int32Array;
  private readonly tfs: Uint8Array;
  private length = 0;

  constructor(newestId: number, size: number) {
    this.bits = new Uint32Array((newestId >>> 5) + 1);
    this.before = new Int32Array(this.bits.length);
    this.tfs = new Uint8Array(size);
  }

  /** Postings in ascending id order. */
  push(id: number, tf: number): void {
    this.bits[id >>> 5]! |= 1 << (id & 31);
    this.tfs[this.length++] = tf;
  }

  sealed(): this {
    for (let word = 0, count = 0; word < this.bits.length; word++) {
      this.before[word] = count;
      count += bitCount(this.bits[word]!);
    }
    return this;
  }

  /** How often the token occurs in article `id`: 0 if it does not hold it. */
  count(id: number): number {
    const word = id >>> 5;
    return word < this.bits.length && (this.bits[word]! & (1 << (id & 31))) !== 0 ? this.tf(id) : 0;
  }

  /** How often the token occurs in article `id`, which holds it. */
  tf(id: number): number {
    const word = id >>> 5;
    return this.tfs[this.before[word]! + bitCount(this.bits[word]! & ((1 << (id & 31)) - 1))]!;
  }
}

function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** A list's ids in ascending order and the counts beside them (list-walk.ts keeps lists so). */
export type PlainList = { ids: Int32Array; tfs: Uint8Array };

const EMPTY = new Uint8Array(0);

/**
 * One token's postings: sealed blocks, oldest first, then the newest postings as plain arrays. The
 * blocks' bytes are one array, each block's end in `ends`: an array of its own for every block
 * was two objects in the heap for 150 bytes outside it, 300,000 blocks for the benchmark's 100,000
 * articles (50 MB of heap), and as many to make when a snapshot is loaded.
 */
export class Postings {
  readonly firsts: number[] = [];
  readonly lasts: number[] = [];
  readonly counts: number[] = [];
  /** Where each block ends in `bytes`; a block starts where the one before ends. */
  readonly ends: number[] = [];
  /** The blocks' bytes, oldest first, with room after them (or a view into a snapshot's buffer, as long as they need). */
  bytes: Uint8Array = EMPTY;
  tailIds: number[] = [];
  tailTf: number[] = [];
  size = 0;
  /** The list as a `DenseList`, built when a search first needs it, dropped by any change to the list. */
  private asDense: DenseList | null = null;
  /** The list as plain arrays (see PlainLists), dropped by any change to the list. */
  asPlain: PlainList | null = null;

  /** A list as a snapshot kept it (index-snapshot.ts); `bytes` may be a view into the snapshot's buffer. */
  static restore(firsts: number[], lasts: number[], counts: number[], ends: number[], bytes: Uint8Array, tailIds: number[], tailTf: number[]): Postings {
    const list = new Postings();
    Object.assign(list, { firsts, lasts, counts, ends, bytes });
    list.tailIds = tailIds;
    list.tailTf = tailTf;
    list.size = tailIds.length;
    for (const count of counts) list.size += count;
    return list;
  }

  get blockCount(): number {
    return this.counts.length;
  }

  /** How many bytes the blocks take. */
  get used(): number {
    return this.ends.length > 0 ? this.ends[this.ends.length - 1]! : 0;
  }

  /** Decodes block `b` (see `decode`). */
  decodeBlock(b: number, ids: Int32Array, tfs: Uint8Array, above = Infinity): number {
    return decode(this.bytes, b === 0 ? 0 : this.ends[b - 1]!, this.counts[b]!, ids, tfs, above);
  }

  /** The list as a `DenseList` if at least one article in `share` up to `newestId` holds the token, else null. */
  dense(newestId: number, share: number): DenseList | null {
    if (this.asDense === null && this.size >= DENSE_MIN && this.size * share >= newestId) {
      const dense = new DenseList(Math.max(newestId, this.newest()), this.size);
      for (let b = 0; b < this.blockCount; b++) {
        this.decodeBlock(b, scratchIds, scratchTf);
        for (let i = 0; i < this.counts[b]!; i++) dense.push(scratchIds[i]!, scratchTf[i]!);
      }
      for (let i = 0; i < this.tailIds.length; i++) dense.push(this.tailIds[i]!, this.tailTf[i]!);
      this.asDense = dense.sealed();
    }
    return this.asDense;
  }

  /** Every posting decoded into `ids` and `tfs` (room for `size`), oldest first. */
  decodeInto(ids: Int32Array, tfs: Uint8Array): void {
    let at = 0;
    for (let b = 0; b < this.blockCount; b++) {
      this.decodeBlock(b, scratchIds, scratchTf);
      ids.set(scratchIds.subarray(0, this.counts[b]!), at);
      tfs.set(scratchTf.subarray(0, this.counts[b]!), at);
      at += this.counts[b]!;
    }
    ids.set(this.tailIds, at);
    tfs.set(this.tailTf, at);
  }

  private newest(): number {
    if (this.tailIds.length > 0) return this.tailIds[this.tailIds.length - 1]!;
    return this.lasts.length > 0 ? this.lasts[this.lasts.length - 1]! : -1;
  }

  add(id: number, tf: number): void {
    this.size++;
    this.asDense = null;
    this.asPlain = null;
    if (id > this.newest()) {
      this.tailIds.push(id);
      this.tailTf.push(tf);
      if (this.tailIds.length >= BLOCK) this.seal();
      return;
    }
    // An older article written again: into the tail if it belongs there, else into its block.
    const lastSealed = this.lasts.length > 0 ? this.lasts[this.lasts.length - 1]! : -1;
    if (id > lastSealed) {
      const at = lowerBound(this.tailIds, 0, this.tailIds.length, id);
      this.tailIds.splice(at, 0, id);
      this.tailTf.splice(at, 0, tf);
      if (this.tailIds.length >= BLOCK) this.seal();
      return;
    }
    const b = Math.min(lowerBound(this.lasts, 0, this.lasts.length, id), this.blockCount - 1);
    const count = this.counts[b]!;
    this.decodeBlock(b, scratchIds, scratchTf);
    const at = lowerBound(scratchIds, 0, count, id);
    scratchIds.copyWithin(at + 1, at, count);
    scratchTf.copyWithin(at + 1, at, count);
    scratchIds[at] = id;
    scratchTf[at] = tf;
    this.rewrite(b, count + 1);
  }

  /** Appends postings of articles newer than every one in the list, in ascending order. */
  appendRun(ids: Int32Array, tfs: Uint8Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.tailIds.push(ids[i]!);
      this.tailTf.push(tfs[i]!);
      if (this.tailIds.length >= BLOCK) this.seal();
    }
    this.size += to - from;
    this.asDense = null;
    this.asPlain = null;
  }

  /** Removes the article's posting; false if it had none. */
  remove(id: number): boolean {
    const removed = this.removePosting(id);
    if (removed) {
      this.asDense = null;
      this.asPlain = null;
    }
    return removed;
  }

  private removePosting(id: number): boolean {
    if (this.tailIds.length > 0 && id >= this.tailIds[0]!) {
      const at = lowerBound(this.tailIds, 0, this.tailIds.length, id);
      if (this.tailIds[at] !== id) return false;
      this.tailIds.splice(at, 1);
      this.tailTf.splice(at, 1);
      this.size--;
      return true;
    }
    const b = lowerBound(this.lasts, 0, this.lasts.length, id);
    if (b === this.blockCount || this.firsts[b]! > id) return false;
    const count = this.counts[b]!;
    this.decodeBlock(b, scratchIds, scratchTf);
    const at = lowerBound(scratchIds, 0, count, id);
    if (scratchIds[at] !== id) return false;
    scratchIds.copyWithin(at, at + 1, count);
    scratchTf.copyWithin(at, at + 1, count);
    this.size--;
    this.rewrite(b, count - 1);
    return true;
  }

  private seal(): void {
    const count = this.tailIds.length;
    const length = encode(this.tailIds, this.tailTf, count, scratchBytes, 0);
    this.replace(this.blockCount, 0, [{ count, first: this.tailIds[0]!, last: this.tailIds[count - 1]!, end: length }]);
    this.tailIds = [];
    this.tailTf = [];
  }

  /** Writes the scratch block back as block `b`: split in two if it grew past twice the size, gone if it is empty. */
  private rewrite(b: number, count: number): void {
    const parts = count === 0 ? [0] : count > 2 * BLOCK ? [0, count >> 1, count] : [0, count];
    const blocks: Sealed[] = [];
    let length = 0;
    for (let p = 0; p + 1 < parts.length; p++) {
      const [from, to] = [parts[p]!, parts[p + 1]!];
      length = encode(scratchIds.subarray(from, to), scratchTf.subarray(from, to), to - from, scratchBytes, length);
      blocks.push({ count: to - from, first: scratchIds[from]!, last: scratchIds[to - 1]!, end: length });
    }
    this.replace(b, 1, blocks);
  }

  /**
   * Puts the blocks encoded one after another in `scratchBytes` in the place of `removed` blocks
   * from block `b` on, moving the bytes after them; the bytes get an array of their own, half as
   * large again as they need, when they no longer fit theirs.
   */
  private replace(b: number, removed: number, blocks: Sealed[]): void {
    const length = blocks.length > 0 ? blocks[blocks.length - 1]!.end : 0;
    const start = b === 0 ? 0 : this.ends[b - 1]!;
    const end = removed === 0 ? start : this.ends[b + removed - 1]!;
    const used = this.used;
    const moved = length - (end - start);
    if (used + moved > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(64, Math.ceil((used + moved) * 1.5)));
      bytes.set(this.bytes.subarray(0, start));
      bytes.set(this.bytes.subarray(end, used), end + moved);
      this.bytes = bytes;
    } else this.bytes.copyWithin(end + moved, end, used);
    this.bytes.set(scratchBytes.subarray(0, length), start);
    for (let i = b + removed; i < this.ends.length; i++) this.ends[i]! += moved;
    this.ends.splice(b, removed, ...blocks.map((block) => start + block.end));
    this.counts.splice(b, removed, ...blocks.map((block) => block.count));
    this.firsts.splice(b, removed, ...blocks.map((block) => block.first));
    this.lasts.splice(b, removed, ...blocks.map((block) => block.last));
  }
}

/** A block just encoded into `scratchBytes`, ending at `end` there. */
type Sealed = { count: number; first: number; last: number; end: number };
