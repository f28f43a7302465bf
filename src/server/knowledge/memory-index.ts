import type { Db } from '../db/database.ts';
import { searchGeneration } from './search-cache.ts';
import { indexTokens, snippetOpening } from './search-text.ts';
import type { ArticleSummary, SearchFilters, SearchHit } from './search-index.ts';

/**
 * The knowledge search index held in each server process's memory: for every token, the ids of the
 * articles holding it in ascending order, with how often it occurs. The database's own indexes
 * (search-index.ts) cost 2–8 ms a search on SQLite and 14–26 ms on PostgreSQL over 100,000
 * articles, where a search must cost about 1 ms to keep p95 under 30 ms at 32 connections
 * (docs/decisions/0011-search-in-memory.md). Walking id-ordered lists from the newest end finds the
 * newest matches after a few hundred steps however common the words, and the filters and scores
 * come from arrays indexed by article id, so no row is read to search. What the results page shows
 * of each article is kept too (its number, title, products and the opening of its body), so a page
 * reads a body only where the words are all beyond the opening.
 *
 * The database stays the truth: every write that changes what a search can find moves the search
 * generation and stamps the articles it writes with it (search-cache.ts), and a process whose index
 * is behind the current generation reads those articles before it searches. So every process finds
 * what another has just published. Until the index has loaded after a start, and while it reads an
 * import of many articles, searches go to the database's indexes.
 */

/** Postings a block holds once sealed; blocks that insertions grow past twice this are split. */
const BLOCK = 128;

// Room for one decoded block; reused, as nothing here runs concurrently.
const scratchIds = new Int32Array(2 * BLOCK + 1);
const scratchTf = new Uint8Array(2 * BLOCK + 1);
const scratchBytes = new Uint8Array((2 * BLOCK + 1) * 6);

/**
 * A block as bytes: each posting is its id's distance from the previous one, doubled, plus one if
 * a count byte follows (most tokens occur once in an article, so most postings are one byte).
 */
function encode(ids: ArrayLike<number>, tfs: ArrayLike<number>, count: number): Uint8Array {
  let at = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const tf = tfs[i]!;
    let value = (ids[i]! - previous) * 2 + (tf === 1 ? 0 : 1);
    while (value >= 128) {
      scratchBytes[at++] = (value & 127) | 128;
      value = Math.floor(value / 128);
    }
    scratchBytes[at++] = value;
    if (tf !== 1) scratchBytes[at++] = tf;
    previous = ids[i]!;
  }
  return scratchBytes.slice(0, at);
}

/**
 * Decodes a block into `ids` and `tfs`, stopping after the first id above `above`: a walk from the
 * newest down needs only the ids up to where it lands. Returns the index of the last id not above
 * it (-1 if none is).
 */
function decode(bytes: Uint8Array, count: number, ids: Int32Array, tfs: Uint8Array, above = Infinity): number {
  let at = 0;
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
function lowerBound(values: ArrayLike<number>, from: number, to: number, target: number): number {
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
function gallopBelow(ids: Int32Array, from: number, target: number): number {
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
const DENSE_SHARE = 16;
const DENSE_MIN = 64;

/**
 * A dense list as one bit per article id, with its counts in id order and, per 32 ids, how many
 * postings come before them: whether an article holds the token and how often is found in a few
 * steps, without decoding a block.
 */
class DenseList {
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

/** One token's postings: sealed blocks, oldest first, then the newest postings as plain arrays. */
class Postings {
  readonly firsts: number[] = [];
  readonly lasts: number[] = [];
  readonly counts: number[] = [];
  readonly blocks: Uint8Array[] = [];
  tailIds: number[] = [];
  tailTf: number[] = [];
  size = 0;
  /** The list as a `DenseList`, built when a search first needs it, dropped by any change to the list. */
  private asDense: DenseList | null = null;
  /** The list as plain arrays (see PlainLists), dropped by any change to the list. */
  asPlain: PlainList | null = null;

  /** The list as a `DenseList` if at least one article in `share` up to `newestId` holds the token, else null. */
  dense(newestId: number, share: number): DenseList | null {
    if (this.asDense === null && this.size >= DENSE_MIN && this.size * share >= newestId) {
      const dense = new DenseList(Math.max(newestId, this.newest()), this.size);
      for (let b = 0; b < this.blocks.length; b++) {
        decode(this.blocks[b]!, this.counts[b]!, scratchIds, scratchTf);
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
    for (let b = 0; b < this.blocks.length; b++) {
      decode(this.blocks[b]!, this.counts[b]!, scratchIds, scratchTf);
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
    const b = Math.min(lowerBound(this.lasts, 0, this.lasts.length, id), this.blocks.length - 1);
    const count = this.counts[b]!;
    decode(this.blocks[b]!, count, scratchIds, scratchTf);
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
    if (b === this.blocks.length || this.firsts[b]! > id) return false;
    const count = this.counts[b]!;
    decode(this.blocks[b]!, count, scratchIds, scratchTf);
    const at = lowerBound(scratchIds, 0, count, id);
    if (scratchIds[at] !== id) return false;
    scratchIds.copyWithin(at, at + 1, count);
    scratchTf.copyWithin(at, at + 1, count);
    this.size--;
    if (count === 1) {
      for (const list of [this.firsts, this.lasts, this.counts, this.blocks] as unknown[][]) list.splice(b, 1);
    } else this.rewrite(b, count - 1);
    return true;
  }

  private seal(): void {
    this.firsts.push(this.tailIds[0]!);
    this.lasts.push(this.tailIds[this.tailIds.length - 1]!);
    this.counts.push(this.tailIds.length);
    this.blocks.push(encode(this.tailIds, this.tailTf, this.tailIds.length));
    this.tailIds = [];
    this.tailTf = [];
  }

  /** Writes the scratch block back as block `b`, split in two if it grew past twice the size. */
  private rewrite(b: number, count: number): void {
    const parts = count > 2 * BLOCK ? [0, count >> 1, count] : [0, count];
    const firsts: number[] = [];
    const lasts: number[] = [];
    const counts: number[] = [];
    const blocks: Uint8Array[] = [];
    for (let p = 0; p + 1 < parts.length; p++) {
      const ids = scratchIds.subarray(parts[p]!, parts[p + 1]!);
      firsts.push(ids[0]!);
      lasts.push(ids[ids.length - 1]!);
      counts.push(ids.length);
      blocks.push(encode(ids, scratchTf.subarray(parts[p]!, parts[p + 1]!), ids.length));
    }
    this.firsts.splice(b, 1, ...firsts);
    this.lasts.splice(b, 1, ...lasts);
    this.counts.splice(b, 1, ...counts);
    this.blocks.splice(b, 1, ...blocks);
  }
}

/** Walks ids from the newest down. */
interface Cursor {
  /** The current id, or -1 once past the oldest. */
  readonly id: number;
  /** Moves to the newest id at or below `target` (never back up) and returns it, or -1. */
  advanceTo(target: number): number;
  /** How often the token occurs in the current article. */
  tf(): number;
}

/** Room to decode one block, lent to a cursor for one search. */
type CursorBuffer = { ids: Int32Array; tfs: Uint8Array };

/** Buffers for the cursors of one search; a search runs to its end before the next begins, so they are handed out again. */
class CursorBuffers {
  private readonly buffers: CursorBuffer[] = [];
  private used = 0;
  reset(): void {
    this.used = 0;
  }
  take(): CursorBuffer {
    if (this.used === this.buffers.length) this.buffers.push({ ids: new Int32Array(2 * BLOCK), tfs: new Uint8Array(2 * BLOCK) });
    return this.buffers[this.used++]!;
  }
}

class PostingsCursor implements Cursor {
  id = -1;
  private readonly ids: Int32Array;
  private readonly tfs: Uint8Array;
  /** The block decoded into `ids`; `blocks.length` is the tail. */
  private chunk: number;
  private position = -1;

  constructor(readonly postings: Postings, buffer: CursorBuffer) {
    this.ids = buffer.ids;
    this.tfs = buffer.tfs;
    this.chunk = postings.blocks.length;
    if (postings.tailIds.length > 0) {
      this.ids.set(postings.tailIds);
      this.tfs.set(postings.tailTf);
      this.at(postings.tailIds.length - 1);
    } else if (postings.blocks.length > 0) this.load(postings.blocks.length - 1, Infinity);
  }

  private at(position: number): number {
    this.position = position;
    return (this.id = this.ids[position]!);
  }

  private load(block: number, target: number): number {
    this.chunk = block;
    return this.at(decode(this.postings.blocks[block]!, this.postings.counts[block]!, this.ids, this.tfs, target));
  }

  advanceTo(target: number): number {
    if (this.id <= target) return this.id;
    if (this.ids[0]! <= target) return this.at(gallopBelow(this.ids, this.position, target));
    // An older block holds it: the last one that starts at or below the target.
    const block = lowerBound(this.postings.firsts, 0, this.chunk, target + 1) - 1;
    if (block < 0) return (this.id = -1);
    return this.load(block, target);
  }

  tf(): number {
    return this.tfs[this.position]!;
  }

  /** Whether the walk went past the middle of the list's blocks: it decoded about half of them or more. */
  get walkedDeep(): boolean {
    const blocks = this.postings.blocks.length;
    return blocks > 0 && (this.id < 0 || this.chunk < blocks / 2);
  }
}

/** A list's ids in ascending order and the counts beside them. */
type PlainList = { ids: Int32Array; tfs: Uint8Array };

/** Walks a plain list: no block to decode, a gallop down from where it stands to any target. */
class PlainCursor implements Cursor {
  id = -1;
  private readonly ids: Int32Array;
  private readonly tfs: Uint8Array;
  private position: number;

  constructor(list: PlainList) {
    this.ids = list.ids;
    this.tfs = list.tfs;
    this.position = list.ids.length - 1;
    this.id = this.position >= 0 ? this.ids[this.position]! : -1;
  }

  advanceTo(target: number): number {
    if (this.id <= target) return this.id;
    this.position = gallopBelow(this.ids, this.position, target);
    return (this.id = this.position >= 0 ? this.ids[this.position]! : -1);
  }

  tf(): number {
    return this.tfs[this.position]!;
  }
}

/**
 * Lists that searches walk through again, kept decoded as plain arrays of ids and counts. Decoding
 * blocks was most of a walk's time for two words (two Japanese words: ~4,800 postings decoded a
 * search), as such searches mostly find fewer than `CANDIDATES` matches and so walk the whole of
 * their rarest lists; and the words people search repeat far more than whole queries do. A list is
 * kept plain once a walk went past the middle of its blocks (it decoded most of them anyway) and a
 * search walks it again while it is among the last `SEEN` such lists: a walk that stops after the
 * newest blocks, as a common word's does, never pays for decoding the rest, and a list walked once
 * costs no more than before.
 *
 * The arrays are views into one ring of `PLAIN_BUDGET` postings (5 bytes each, outside the heap),
 * allocated once: a list is decoded where the ring's head stands, and the lists kept longest give
 * up their place to it. Arrays of their own for each list, given up as the searched words changed,
 * made the process allocate outside the heap tens of MB a second, and V8 answers that with full
 * collections of the whole heap (p99 of one-word Japanese searches 35 → 65 ms). A list in use by
 * the search under way is never given up: the new one is then walked on its blocks.
 */
const PLAIN_BUDGET = 4_000_000;
const SEEN = 4_096;

type Placed = { list: Postings; plain: PlainList; start: number };

class PlainLists {
  private ids: Int32Array | null = null;
  private tfs: Uint8Array | null = null;
  /** Lists kept, in the order they were placed (from `front` on): the ring from its head round. */
  private placed: Placed[] = [];
  private front = 0;
  private head = 0;
  private postings = 0;
  /** Lists handed out to the search under way. */
  private readonly inUse = new Set<Postings>();
  /** Lists lately walked past their middle, oldest first. */
  private readonly walkedDeep = new Set<Postings>();

  constructor(private readonly budget: number) {}

  /** Called as a search begins: the lists the last one used may be given up again. */
  startSearch(): void {
    this.inUse.clear();
  }

  /** The list as plain arrays if it is kept or is now worth keeping, else null. */
  of(list: Postings): PlainList | null {
    let plain = list.asPlain;
    if (plain === null && list.size <= this.budget && this.walkedDeep.delete(list)) plain = this.place(list);
    if (plain !== null) this.inUse.add(list);
    return plain;
  }

  /** How many postings the lists kept hold now. */
  get size(): number {
    return this.postings;
  }

  /** Notes the lists a search walked on their blocks past the middle. */
  walked(cursors: PostingsCursor[]): void {
    for (const cursor of cursors) {
      if (!cursor.walkedDeep || cursor.postings.size > this.budget) continue;
      this.walkedDeep.delete(cursor.postings);
      if (this.walkedDeep.size >= SEEN) this.walkedDeep.delete(this.walkedDeep.values().next().value!);
      this.walkedDeep.add(cursor.postings);
    }
  }

  /** Decodes the list at the ring's head, giving up the lists there; null if one of them is in use. */
  private place(list: Postings): PlainList | null {
    const size = list.size;
    let start = this.head;
    // At the ring's end, the lists beyond the head (kept longest) go before the start is reused.
    const wraps = start + size > this.budget;
    if (wraps) start = 0;
    while (this.front < this.placed.length) {
      const oldest = this.placed[this.front]!;
      const end = oldest.start + oldest.plain.ids.length;
      const inTheWay = (wraps && oldest.start >= this.head) || (oldest.start < start + size && end > start);
      if (!inTheWay) break;
      // The list may have changed since and been placed again elsewhere: a search only ever holds a
      // list's current placement, and only that one is in use or given up.
      if (oldest.list.asPlain === oldest.plain) {
        if (this.inUse.has(oldest.list)) return null;
        oldest.list.asPlain = null;
      }
      this.postings -= oldest.plain.ids.length;
      this.front++;
    }
    if (this.front > 1024 && this.front * 2 > this.placed.length) {
      this.placed = this.placed.slice(this.front);
      this.front = 0;
    }
    this.ids ??= new Int32Array(this.budget);
    this.tfs ??= new Uint8Array(this.budget);
    const plain = { ids: this.ids.subarray(start, start + size), tfs: this.tfs.subarray(start, start + size) };
    list.decodeInto(plain.ids, plain.tfs);
    list.asPlain = plain;
    this.placed.push({ list, plain, start });
    this.head = start + size;
    this.postings += size;
    return plain;
  }
}

/** A query word and its spelling corrections: an article holding any of them matches. */
class EitherCursor implements Cursor {
  id = -1;
  constructor(private readonly cursors: Cursor[]) {
    this.id = Math.max(...cursors.map((c) => c.id));
  }
  advanceTo(target: number): number {
    let newest = -1;
    for (const cursor of this.cursors) newest = Math.max(newest, cursor.advanceTo(target));
    return (this.id = newest);
  }
  tf(): number {
    let sum = 0;
    for (const cursor of this.cursors) if (cursor.id === this.id) sum += cursor.tf();
    return sum;
  }
}

/** Postings of many new articles, gathered in article order and handed to each term's list at once. */
class PostingBatch {
  private terms = new Int32Array(4096);
  private ids = new Int32Array(4096);
  private tfs = new Uint8Array(4096);
  private length = 0;

  push(term: number, id: number, tf: number): void {
    if (this.length === this.terms.length) {
      const grow = <T extends Int32Array | Uint8Array>(old: T, next: T): T => {
        next.set(old);
        return next;
      };
      this.terms = grow(this.terms, new Int32Array(this.length * 2));
      this.ids = grow(this.ids, new Int32Array(this.length * 2));
      this.tfs = grow(this.tfs, new Uint8Array(this.length * 2));
    }
    this.terms[this.length] = term;
    this.ids[this.length] = id;
    this.tfs[this.length] = Math.min(tf, 255);
    this.length++;
  }

  /**
   * Sorts the postings by term (a counting sort over the terms the batch holds: stable, so each
   * term's ids stay ascending) and appends each term's run.
   */
  appendTo(postingsOf: (term: number) => Postings): void {
    const slots = new Map<number, number>();
    const slotOf = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      let slot = slots.get(this.terms[i]!);
      if (slot === undefined) slots.set(this.terms[i]!, (slot = slots.size));
      slotOf[i] = slot;
    }
    const starts = new Int32Array(slots.size + 1);
    for (let i = 0; i < this.length; i++) starts[slotOf[i]! + 1]!++;
    for (let t = 0; t < slots.size; t++) starts[t + 1]! += starts[t]!;
    const next = starts.slice(0, slots.size);
    const ids = new Int32Array(this.length);
    const tfs = new Uint8Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const at = next[slotOf[i]!]!++;
      ids[at] = this.ids[i]!;
      tfs[at] = this.tfs[i]!;
    }
    for (const [term, slot] of slots) postingsOf(term).appendRun(ids, tfs, starts[slot]!, starts[slot + 1]!);
  }
}

export type IndexedArticle = { id: number; number: string; title: string; body: string; language: string; visibility: string; state: string; productIds: number[] };

/** How many of the newest matches are scored, in the titles and in the whole text. */
export const CANDIDATES = 200;
// bm25's usual constants; the title weighs ten times the body, as in the SQLite index.
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 10;

function textHash(title: string, body: string): number {
  let hash = 0x811c9dc5;
  for (const text of [title, '\u0000', body]) for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class ArticleIndex {
  /** The search generation this index reflects every write up to. */
  generation = 0;
  /** Every token as a number: counting and lists go by number, a token string is looked up once. */
  private readonly terms = new Map<string, number>();
  private readonly text: Postings[] = [];
  private readonly titles: Array<Postings | undefined> = [];
  // How often each term occurs in the article being added, and which terms it holds.
  private textCounts = new Int32Array(1024);
  private titleCounts = new Int32Array(1024);
  private held = new Int32Array(1024);
  private capacity = 0;
  private present = new Uint8Array(0);
  private hashes = new Uint32Array(0);
  private textLengths = new Uint32Array(0);
  private titleLengths = new Uint32Array(0);
  private states = new Uint8Array(0);
  private visibilities = new Uint8Array(0);
  private languages = new Uint8Array(0);
  private readonly products: Array<number[] | undefined> = [];
  private readonly summaries: Array<ArticleSummary | undefined> = [];
  /** State, visibility and language values as small numbers, so each article's fit in bytes. */
  private readonly codes = new Map<string, number>();
  private articles = 0;
  private newestId = 0;
  private readonly buffers = new CursorBuffers();
  private readonly titleMatches = new Matches();
  private readonly textMatches = new Matches();
  private totalTextLength = 0;
  private totalTitleLength = 0;

  private readonly plainLists: PlainLists;
  /** The cursors on blocks of the search under way. */
  private blockCursors: PostingsCursor[] = [];

  /** `denseShare`: see DENSE_SHARE; `plainBudget`: see PLAIN_BUDGET; both 0 walk every list's blocks (the tests' reference). */
  constructor(
    private readonly denseShare = DENSE_SHARE,
    plainBudget = PLAIN_BUDGET,
  ) {
    this.plainLists = new PlainLists(plainBudget);
  }

  /** A cursor over the list: on its plain arrays where they are kept, else on its blocks. */
  private cursor(list: Postings): Cursor {
    const plain = this.plainLists.of(list);
    if (plain) return new PlainCursor(plain);
    const cursor = new PostingsCursor(list, this.buffers.take());
    this.blockCursors.push(cursor);
    return cursor;
  }

  get size(): number {
    return this.articles;
  }

  /** Postings kept decoded as plain arrays (PLAIN_BUDGET at most). */
  get plainPostings(): number {
    return this.plainLists.size;
  }

  private code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) this.codes.set(value, (code = this.codes.size + 1));
    return code;
  }

  private grow(id: number): void {
    if (id < this.capacity) return;
    const capacity = Math.max(1024, 2 ** Math.ceil(Math.log2(id + 1)));
    const widen = <T extends Uint8Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.present = widen(this.present, (n) => new Uint8Array(n));
    this.hashes = widen(this.hashes, (n) => new Uint32Array(n));
    this.textLengths = widen(this.textLengths, (n) => new Uint32Array(n));
    this.titleLengths = widen(this.titleLengths, (n) => new Uint32Array(n));
    this.states = widen(this.states, (n) => new Uint8Array(n));
    this.visibilities = widen(this.visibilities, (n) => new Uint8Array(n));
    this.languages = widen(this.languages, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }

  private term(token: string): number {
    let term = this.terms.get(token);
    if (term === undefined) {
      term = this.text.length;
      this.terms.set(token, term);
      this.text.push(new Postings());
      this.titles.push(undefined);
      if (term >= this.textCounts.length) {
        const counts = (old: Int32Array) => {
          const next = new Int32Array(old.length * 2);
          next.set(old);
          return next;
        };
        this.textCounts = counts(this.textCounts);
        this.titleCounts = counts(this.titleCounts);
        this.held = counts(this.held);
      }
    }
    return term;
  }

  /**
   * Adds many articles: those newer than every indexed one (all of them, when the index is first
   * read) term by term, each term's list appended once per call; others one by one. Adding one
   * article touches the lists of hundreds of terms, scattered over memory; this is four times
   * faster for a full load.
   */
  putMany(articles: IndexedArticle[]): void {
    const fresh: IndexedArticle[] = [];
    for (const article of [...articles].sort((a, b) => a.id - b.id)) {
      if (article.id > this.newestId) fresh.push(article);
      else this.put(article);
    }
    if (fresh.length === 0) return;
    const text = new PostingBatch();
    const titles = new PostingBatch();
    for (const article of fresh) {
      const { id } = article;
      this.grow(id);
      const { title, body, held } = this.count(article);
      for (let i = 0; i < held; i++) {
        const term = this.held[i]!;
        text.push(term, id, this.textCounts[term]!);
        if (this.titleCounts[term]! > 0) titles.push(term, id, this.titleCounts[term]!);
        this.textCounts[term] = 0;
        this.titleCounts[term] = 0;
      }
      this.describe(article, title.length, body.length, textHash(article.title, article.body));
    }
    text.appendTo((term) => this.text[term]!);
    titles.appendTo((term) => (this.titles[term] ??= new Postings()));
  }

  /** Counts the article's terms into `textCounts` and `titleCounts`; `held[0, held)` lists them. */
  private count(article: IndexedArticle) {
    const title = indexTokens(article.title);
    const body = indexTokens(article.body);
    let held = 0;
    const add = (token: string, inTitle: boolean) => {
      const term = this.term(token);
      if (this.textCounts[term] === 0) this.held[held++] = term;
      this.textCounts[term] = this.textCounts[term]! + (inTitle ? TITLE_WEIGHT : 1);
      if (inTitle) this.titleCounts[term] = this.titleCounts[term]! + 1;
    };
    for (const token of title) add(token, true);
    for (const token of body) add(token, false);
    return { title, body, held };
  }

  /** Records what the filters and scores read of an article whose postings were just written. */
  private describe(article: IndexedArticle, titleLength: number, bodyLength: number, hash: number): void {
    const { id } = article;
    if (!this.present[id]) this.articles++;
    this.totalTextLength += titleLength + bodyLength - this.textLengths[id]!;
    this.totalTitleLength += titleLength - this.titleLengths[id]!;
    this.textLengths[id] = titleLength + bodyLength;
    this.titleLengths[id] = titleLength;
    this.hashes[id] = hash;
    this.present[id] = 1;
    this.newestId = Math.max(this.newestId, id);
    this.describeFilters(article, snippetOpening(article.body, article.body.length));
  }

  /** The filters' and the results page's part, which attribute-only changes rewrite; the opening is kept unless the text changed. */
  private describeFilters(article: IndexedArticle, opening = this.summaries[article.id]!.opening): void {
    const { id, number, title, language, visibility, state, productIds } = article;
    this.states[id] = this.code(state);
    this.visibilities[id] = this.code(visibility);
    this.languages[id] = this.code(language);
    this.products[id] = productIds.length > 0 ? productIds : undefined;
    this.summaries[id] = { number, title, language, visibility, state, productIds, opening };
  }

  /** Adds an article or brings it up to date; its tokens are read again only if its text changed. */
  put(article: IndexedArticle): void {
    const { id } = article;
    this.grow(id);
    const hash = textHash(article.title, article.body);
    if (this.present[id] && this.hashes[id] === hash) {
      this.describeFilters(article);
      return;
    }
    if (this.present[id]) this.removeTokens(id);
    const { title, body, held } = this.count(article);
    for (let i = 0; i < held; i++) {
      const term = this.held[i]!;
      this.text[term]!.add(id, Math.min(this.textCounts[term]!, 255));
      if (this.titleCounts[term]! > 0) (this.titles[term] ??= new Postings()).add(id, Math.min(this.titleCounts[term]!, 255));
      this.textCounts[term] = 0;
      this.titleCounts[term] = 0;
    }
    this.describe(article, title.length, body.length, hash);
  }

  /**
   * An article's old postings, found by looking for its id in every term's list (a term no
   * article holds any more keeps its number and an empty list).
   */
  private removeTokens(id: number): void {
    for (const postings of this.text) postings.remove(id);
    for (const postings of this.titles) postings?.remove(id);
  }

  /** What `searchStoredIndex` answers, from memory: title matches first, each part best first. */
  search(terms: string[][], filters: SearchFilters, limit: number): SearchHit[] {
    if (terms.length === 0 || limit <= 0) return [];
    this.buffers.reset();
    this.blockCursors = [];
    this.plainLists.startSearch();
    const allowedCodes = (values: string[]) => {
      const flags = new Uint8Array(256);
      for (const value of values) flags[this.code(value)] = 1;
      return flags;
    };
    const states = allowedCodes(filters.states);
    const visibilities = allowedCodes(filters.visibilities);
    const language = filters.language ? this.code(filters.language) : 0;
    const productId = filters.productId;
    const allowed = (id: number) =>
      states[this.states[id]!] === 1 &&
      visibilities[this.visibilities[id]!] === 1 &&
      (language === 0 || this.languages[id] === language) &&
      (productId === undefined || (this.products[id]?.includes(productId) ?? false));
    const lists = (postings: Array<Postings | undefined>) => terms.map((words) => words.flatMap((word) => postings[this.terms.get(word) ?? -1] ?? []).filter((list) => list.size > 0));
    const inTitle = this.newestMatches(lists(this.titles), allowed, this.titleLengths, this.totalTitleLength, this.titleMatches);
    // Hits are built property by property: an object spread here took V8's slow path, 2 µs a hit.
    const toHit = (inTitle: boolean) => (match: { articleId: number; score: number }): SearchHit => ({ articleId: match.articleId, score: match.score, inTitle, article: this.summaries[match.articleId] });
    const hits: SearchHit[] = this.titleMatches.best(inTitle, limit, () => false).map(toHit(true));
    this.markBodyMatches(hits, terms);
    // Title matches come first: the whole text is searched only when they do not fill the page.
    if (hits.length < limit) {
      const inText = this.newestMatches(lists(this.text), allowed, this.textLengths, this.totalTextLength, this.textMatches);
      const titleIds = new Set(this.titleMatches.ids.subarray(0, inTitle));
      hits.push(...this.textMatches.best(inText, limit - hits.length, (id) => titleIds.has(id)).map(toHit(false)));
    }
    this.plainLists.walked(this.blockCursors);
    return hits;
  }

  /**
   * Whether each title match's body holds any of the words too, so the results page reads a body
   * only where a snippet can be found in it: the whole text counts the title's words ten times.
   */
  private markBodyMatches(hits: SearchHit[], terms: string[][]): void {
    if (hits.length === 0) return;
    // How often the word occurs in an article (0: not at all), asked from the newest article down.
    const countsIn = (postings: Postings | undefined): ((id: number) => number) => {
      if (!postings) return () => 0;
      const dense = postings.dense(this.newestId, this.denseShare);
      if (dense) return (id) => dense.count(id);
      const cursor = this.cursor(postings);
      return (id) => (cursor.advanceTo(id) === id ? cursor.tf() : 0);
    };
    const words = [...new Set(terms.flat())].flatMap((word) => {
      const term = this.terms.get(word);
      return term === undefined ? [] : [{ text: countsIn(this.text[term]), title: countsIn(this.titles[term]) }];
    });
    for (const hit of [...hits].sort((a, b) => b.articleId - a.articleId)) {
      hit.bodyMatch = words.some((word) => {
        const text = word.text(hit.articleId);
        return text === 255 || text > TITLE_WEIGHT * word.title(hit.articleId);
      });
    }
  }

  /**
   * Writes the newest `CANDIDATES` allowed articles in every one of the terms' lists, each with its
   * bm25 score, into `matches`; returns how many.
   */
  private newestMatches(terms: Postings[][], allowed: (id: number) => boolean, lengths: Uint32Array, totalLength: number, matches: Matches): number {
    if (terms.some((lists) => lists.length === 0)) return 0;
    const groups = terms.map((lists) => {
      const df = Math.max(...lists.map((list) => list.size));
      // A word with spelling alternatives walks its lists.
      const dense = lists.length === 1 ? lists[0]!.dense(this.newestId, this.denseShare) : null;
      const cursor: Cursor | null = dense ? null : lists.length === 1 ? this.cursor(lists[0]!) : new EitherCursor(lists.map((list) => this.cursor(list)));
      return { cursor, df, dense, idf: Math.log(1 + (this.articles - df + 0.5) / (df + 0.5)) };
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
    const averageLength = totalLength / Math.max(1, this.articles);
    let found = 0;
    for (let candidate = newestAgreeing(this.newestId); candidate >= 0 && found < CANDIDATES; candidate = newestAgreeing(candidate - 1)) {
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
}

function allBitsSet(lists: Uint32Array[], id: number): boolean {
  const word = id >>> 5;
  const bit = 1 << (id & 31);
  for (const list of lists) if (((list[word] ?? 0) & bit) === 0) return false;
  return true;
}

/** The highest id at or below `below` whose bit every list sets, or -1. */
function highestCommonBit(lists: Uint32Array[], below: number): number {
  if (below < 0) return -1;
  const common = (word: number) => {
    let bits = -1;
    for (const list of lists) bits &= list[word] ?? 0;
    return bits;
  };
  let word = below >>> 5;
  let bits = common(word) & (0xffffffff >>> (31 - (below & 31)));
  while (bits === 0) {
    if (--word < 0) return -1;
    bits = common(word);
  }
  return word * 32 + 31 - Math.clz32(bits);
}

/** One walk's matches, in arrays kept for the next search. */
class Matches {
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

/** A catch-up under way: whether it reads more than a page of articles (known first), and its end. */
type CatchingUp = { large: Promise<boolean>; done: Promise<void> };
type Registered = { index: ArticleIndex; ready: boolean; failed: boolean; catchingUp: CatchingUp | null };
const registry = new WeakMap<Db, Registered>();

const PAGE = 500;

async function readArticles(db: Db, rows: Array<Omit<IndexedArticle, 'productIds'>>): Promise<IndexedArticle[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom('article_products').select(['article_id', 'product_id']).where('article_id', 'in', rows.map((row) => row.id)).execute();
  const products = new Map<number, number[]>();
  for (const link of links) products.set(Number(link.article_id), [...(products.get(Number(link.article_id)) ?? []), Number(link.product_id)]);
  return rows.map((row) => ({ ...row, id: Number(row.id), productIds: products.get(Number(row.id)) ?? [] }));
}

const columns = ['id', 'number', 'title', 'body', 'language', 'visibility', 'state'] as const;

/** Reads the articles written since the index's generation, up to at least `generation`. */
async function catchUp(db: Db, entry: Registered, generation: number): Promise<void> {
  const from = entry.index.generation;
  for (let after = { generation: from, id: 0 }; ; ) {
    const rows = await db
      .selectFrom('articles')
      .select([...columns, 'search_generation'])
      .where((eb) => eb.or([eb('search_generation', '>', after.generation), eb.and([eb('search_generation', '=', after.generation), eb('id', '>', after.id)])]))
      .where('search_generation', '>', from)
      .orderBy('search_generation')
      .orderBy('id')
      .limit(PAGE)
      .execute();
    await putBetweenRequests(entry.index, await readArticles(db, rows));
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { generation: Number(last.search_generation), id: Number(last.id) };
  }
  entry.index.generation = Math.max(entry.index.generation, generation);
}

/** Fifty articles are about 15 ms of work: requests wait no longer than that meanwhile. */
async function putBetweenRequests(index: ArticleIndex, articles: IndexedArticle[]): Promise<void> {
  for (let i = 0; i < articles.length; i += 50) {
    index.putMany(articles.slice(i, i + 50));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * An index of every article in the database. Reading 100,000 articles takes seconds, so requests
 * are let in between pages.
 */
export async function readArticleIndex(db: Db): Promise<ArticleIndex> {
  const index = new ArticleIndex();
  // Writes during the reading stamp a later generation than this, so the catch-up reads them.
  index.generation = await searchGeneration(db);
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('articles').select(columns).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    await putBetweenRequests(index, await readArticles(db, rows));
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  return index;
}

/** Builds this process's index in the background; searches use the database's indexes meanwhile. */
export function loadArticleIndex(db: Db, onError: (error: unknown) => void = () => {}): Promise<void> {
  if (registry.has(db)) return Promise.resolve();
  const entry: Registered = { index: new ArticleIndex(), ready: false, failed: false, catchingUp: null };
  registry.set(db, entry);
  const load = async () => {
    entry.index = await readArticleIndex(db);
    await catchUp(db, entry, await searchGeneration(db));
    entry.ready = true;
  };
  return load().catch((error: unknown) => {
    entry.failed = true;
    onError(error);
  });
}

function startCatchUp(db: Db, entry: Registered, generation: number): CatchingUp {
  const from = entry.index.generation;
  const large = db
    .selectFrom('articles')
    .select('id')
    .where('search_generation', '>', from)
    .limit(PAGE + 1)
    .execute()
    .then((rows) => rows.length > PAGE);
  const done = large.then(() => catchUp(db, entry, generation)).finally(() => (entry.catchingUp = null));
  // Nobody may be waiting for a large one; its failure only means the next search starts again.
  done.catch(() => {});
  return { large, done };
}

/** Articles in this process's index (0 until it is loaded). */
export function articleIndexSize(db: Db): number {
  return registry.get(db)?.index.size ?? 0;
}

export function articleIndexState(db: Db): 'off' | 'loading' | 'ready' | 'failed' {
  const entry = registry.get(db);
  return !entry ? 'off' : entry.failed ? 'failed' : entry.ready ? 'ready' : 'loading';
}

/**
 * Searches this process's index once it has read every write up to `generation`; null while it is
 * not loaded (the caller searches the database's indexes instead).
 */
export async function searchArticleIndex(db: Db, generation: number, terms: string[][], filters: SearchFilters, limit: number): Promise<SearchHit[] | null> {
  const entry = registry.get(db);
  if (!entry?.ready || entry.failed) return null;
  try {
    while (entry.index.generation < generation) {
      entry.catchingUp ??= startCatchUp(db, entry, generation);
      // A few articles written since: this search waits for them. Many (an import): the database's
      // indexes answer until they are read, rather than every search waiting seconds.
      if (await entry.catchingUp.large) return null;
      await entry.catchingUp.done;
    }
  } catch {
    // The database's indexes answer this search; the next one tries to catch up again.
    return null;
  }
  return entry.index.search(terms, filters, limit);
}
