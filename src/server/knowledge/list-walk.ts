import { BLOCK, gallopBelow, lowerBound, type PlainList, type Postings } from './postings.ts';

/**
 * The walk over lists (memory-index.ts): cursors that go from the newest id down, on a list's
 * blocks or on the list kept decoded, and the bits of dense lists met by a few operations a word.
 */

/** Walks ids from the newest down. */
export interface Cursor {
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
export class CursorBuffers {
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

export class PostingsCursor implements Cursor {
  id = -1;
  private readonly ids: Int32Array;
  private readonly tfs: Uint8Array;
  /** The block decoded into `ids`; `blockCount` is the tail. */
  private chunk: number;
  private position = -1;

  constructor(readonly postings: Postings, buffer: CursorBuffer) {
    this.ids = buffer.ids;
    this.tfs = buffer.tfs;
    this.chunk = postings.blockCount;
    if (postings.tailIds.length > 0) {
      this.ids.set(postings.tailIds);
      this.tfs.set(postings.tailTf);
      this.at(postings.tailIds.length - 1);
    } else if (postings.blockCount > 0) this.load(postings.blockCount - 1, Infinity);
  }

  private at(position: number): number {
    this.position = position;
    return (this.id = this.ids[position]!);
  }

  private load(block: number, target: number): number {
    this.chunk = block;
    return this.at(this.postings.decodeBlock(block, this.ids, this.tfs, target));
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
    const blocks = this.postings.blockCount;
    return blocks > 0 && (this.id < 0 || this.chunk < blocks / 2);
  }
}

/** Walks a plain list: no block to decode, a gallop down from where it stands to any target. */
export class PlainCursor implements Cursor {
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
export const PLAIN_BUDGET = 4_000_000;
const SEEN = 4_096;

type Placed = { list: Postings; plain: PlainList; start: number };

export class PlainLists {
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
export class EitherCursor implements Cursor {
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

export function allBitsSet(lists: Uint32Array[], id: number): boolean {
  const word = id >>> 5;
  const bit = 1 << (id & 31);
  for (const list of lists) if (((list[word] ?? 0) & bit) === 0) return false;
  return true;
}

/** The highest id at or below `below` whose bit every list sets, or -1. */
export function highestCommonBit(lists: Uint32Array[], below: number): number {
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
