import fs from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { ArticleTable, type TableArrays, type TableFigures } from './article-table.ts';
import { ArticleIndex } from './memory-index.ts';
import { Postings } from './postings.ts';
import { SEARCH_FOLDING_VERSION } from './reindex.job.ts';
import { OPENING_LENGTH } from './search-text.ts';

/**
 * A snapshot of the index in memory (memory-index.ts), written to a file by the process that built
 * it, so a restart reads one file instead of 100,000 articles (25–50 s of tokenising); the articles
 * written since its search generation are then read on top as after any other write
 * (index-registry.ts). The file is the index's own arrays in one buffer:
 *
 *   "CWKBSNAP" · header length (u32) · header (JSON) · the arrays, each at a multiple of 8 · CRC-32 (u32)
 *
 * The header names the format, the folding of the text (reindex.job.ts) and the length of the
 * openings kept, the database the index was read from and its generation, and each array's type
 * and length. A snapshot whose format, folding or opening length differs, of another database,
 * cut short or with any byte changed (the CRC) is not used: the index is read from the articles
 * as before, never searched wrong.
 */

/** Moved whenever what is written here, or what the index keeps, changes. */
export const SNAPSHOT_FORMAT = 3;
const MAGIC = Buffer.from('CWKBSNAP');

type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array;
const kinds = { u8: Uint8Array, u16: Uint16Array, i32: Int32Array, u32: Uint32Array } as const;
type Kind = keyof typeof kinds;
const kindOf = (array: Typed): Kind => (array instanceof Uint8Array ? 'u8' : array instanceof Uint16Array ? 'u16' : array instanceof Int32Array ? 'i32' : 'u32');

type Header = {
  format: number;
  folding: number;
  openingLength: number;
  /** The database's mark (index-registry.ts): a snapshot of another database is not used. */
  database: number;
  generation: number;
  terms: string[];
  table: TableFigures;
  arrays: Array<[name: string, kind: Kind, length: number]>;
};

/** What a snapshot must match to be used. */
export type SnapshotStamp = { database: number };

/** Lists of postings as flat arrays: per list its blocks and tail, `-1` blocks for a list that is not there. */
function flatten(lists: Array<Postings | undefined>) {
  let blocks = 0;
  let bytes = 0;
  let tail = 0;
  for (const list of lists) {
    if (!list) continue;
    blocks += list.blockCount;
    bytes += list.used;
    tail += list.tailIds.length;
  }
  const out = {
    blockCounts: new Int32Array(lists.length),
    firsts: new Int32Array(blocks),
    lasts: new Int32Array(blocks),
    counts: new Int32Array(blocks),
    ends: new Int32Array(blocks),
    bytes: new Uint8Array(bytes),
    tailLengths: new Int32Array(lists.length),
    tailIds: new Int32Array(tail),
    tailTf: new Uint8Array(tail),
  };
  let b = 0;
  let at = 0;
  let t = 0;
  lists.forEach((list, term) => {
    if (!list) {
      out.blockCounts[term] = -1;
      return;
    }
    out.blockCounts[term] = list.blockCount;
    out.firsts.set(list.firsts, b);
    out.lasts.set(list.lasts, b);
    out.counts.set(list.counts, b);
    out.ends.set(list.ends, b);
    b += list.blockCount;
    out.bytes.set(list.bytes.subarray(0, list.used), at);
    at += list.used;
    out.tailLengths[term] = list.tailIds.length;
    out.tailIds.set(list.tailIds, t);
    out.tailTf.set(list.tailTf, t);
    t += list.tailIds.length;
  });
  return out;
}

function unflatten(get: (name: string) => Typed, prefix: string): Array<Postings | undefined> {
  const [blockCounts, firsts, lasts, counts, ends, tailLengths, tailIds] = ['blockCounts', 'firsts', 'lasts', 'counts', 'ends', 'tailLengths', 'tailIds'].map((name) => get(prefix + name) as Int32Array) as Int32Array[];
  const bytes = get(`${prefix}bytes`) as Uint8Array;
  const tailTf = get(`${prefix}tailTf`) as Uint8Array;
  const lists: Array<Postings | undefined> = [];
  let b = 0;
  let at = 0;
  let t = 0;
  for (let term = 0; term < blockCounts!.length; term++) {
    const blocks = blockCounts![term]!;
    if (blocks < 0) {
      lists.push(undefined);
      continue;
    }
    const used = blocks === 0 ? 0 : ends![b + blocks - 1]!;
    const tail = tailLengths![term]!;
    const list = Postings.restore(numbers(firsts!, b, blocks), numbers(lasts!, b, blocks), numbers(counts!, b, blocks), numbers(ends!, b, blocks), bytes.subarray(at, at + used), numbers(tailIds!, t, tail), numbers(tailTf, t, tail));
    lists.push(list);
    b += blocks;
    at += used;
    t += tail;
  }
  return lists;
}

/** `count` numbers from `from` on as an array (a spread of a typed array walks an iterator: 3 times slower for the 4 million numbers of 100,000 articles). */
function numbers(values: Typed, from: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = values[from + i]!;
  return out;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** The index as one buffer in the snapshot format. */
export function snapshotBytes(index: ArticleIndex, stamp: SnapshotStamp): Buffer {
  const parts = index.parts();
  const { arrays: table, figures } = parts.table.save();
  const arrays: Array<[string, Typed]> = [
    ...Object.entries(table).flatMap(([name, array]): Array<[string, Typed]> => (name === 'shown' ? [] : [[`table.${name}`, array]])),
    ...Object.entries(flatten(parts.text)).map(([name, array]): [string, Typed] => [`text.${name}`, array]),
    ...Object.entries(flatten(parts.titles)).map(([name, array]): [string, Typed] => [`titles.${name}`, array]),
    // Last, so a file read into a larger buffer leaves the room after them to texts written later.
    ['table.shown', table.shown],
  ];
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    folding: SEARCH_FOLDING_VERSION,
    openingLength: OPENING_LENGTH,
    database: stamp.database,
    generation: index.generation,
    terms: parts.terms,
    table: figures,
    arrays: arrays.map(([name, array]) => [name, kindOf(array), array.length]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const start = pad8(MAGIC.length + 4 + json.length);
  const size = arrays.reduce((at, [, array]) => pad8(at + array.byteLength), start);
  const out = Buffer.alloc(size + 4);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  let at = start;
  for (const [, array] of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at = pad8(at + array.byteLength);
  }
  out.writeUInt32LE(crc32(out.subarray(0, size)), size);
  return out;
}

/**
 * The index a buffer in the snapshot format holds, or why it cannot be used. `room`: the rest of
 * the buffer's memory after `bytes` is the index's to write texts into (readSnapshot leaves it).
 */
export function indexFromSnapshot(bytes: Buffer, stamp: SnapshotStamp, room = false): ArticleIndex | string {
  if (bytes.length < MAGIC.length + 8 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'not a snapshot';
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== bytes.readUInt32LE(bytes.length - 4)) return 'damaged (its checksum does not match)';
  const length = bytes.readUInt32LE(MAGIC.length);
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length)) as Header;
  if (header.format !== SNAPSHOT_FORMAT || header.folding !== SEARCH_FOLDING_VERSION || header.openingLength !== OPENING_LENGTH) return 'written by another version';
  if (header.database !== stamp.database) return 'of another database';
  // Typed arrays over the buffer need their offsets aligned; a file read whole starts at 0.
  const aligned = bytes.byteOffset % 8 === 0;
  const buffer = aligned ? bytes : Buffer.from(bytes);
  const views = new Map<string, Typed>();
  let at = pad8(MAGIC.length + 4 + length);
  for (const [name, kind, count] of header.arrays) {
    const view = new kinds[kind](buffer.buffer as ArrayBuffer, buffer.byteOffset + at, count);
    views.set(name, view);
    at = pad8(at + view.byteLength);
  }
  if (at + 4 !== buffer.length) return 'damaged (its arrays do not fill it)';
  const get = (name: string) => {
    const view = views.get(name);
    if (!view) throw new Error(`The snapshot has no ${name}`);
    return view;
  };
  const tableArrays = Object.fromEntries([...views].filter(([name]) => name.startsWith('table.')).map(([name, view]) => [name.slice('table.'.length), view])) as unknown as TableArrays;
  if (room && aligned) {
    const shown = tableArrays.shown;
    tableArrays.shown = new Uint8Array(shown.buffer, shown.byteOffset, shown.buffer.byteLength - shown.byteOffset);
  }
  const table = ArticleTable.restore(tableArrays, header.table);
  const index = new ArticleIndex(undefined, undefined, { terms: header.terms, text: unflatten(get, 'text.') as Postings[], titles: unflatten(get, 'titles.'), table });
  index.generation = header.generation;
  return index;
}

/** Writes the snapshot beside the file's place and moves it there, so a reader finds the old one or the new one whole. */
export async function writeSnapshot(file: string, index: ArticleIndex, stamp: SnapshotStamp): Promise<void> {
  const bytes = snapshotBytes(index, stamp);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
}

/** The index the snapshot file holds; null (and why) when there is none or it cannot be used. */
export async function readSnapshot(file: string, stamp: SnapshotStamp): Promise<{ index: ArticleIndex | null; reason?: string }> {
  let bytes: Buffer;
  try {
    // Into a buffer an eighth larger than the file: room after the texts, the last array, for texts written later.
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      bytes = Buffer.allocUnsafeSlow(size + Math.ceil(size / 8));
      let read = 0;
      for (let got = -1; read < size && got !== 0; read += got) got = (await handle.read(bytes, read, size - read, read)).bytesRead;
      bytes = bytes.subarray(0, read);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { index: null, reason: code === 'ENOENT' ? 'none written yet' : `it could not be read (${code ?? String(error)})` };
  }
  let index: ArticleIndex | string;
  try {
    index = indexFromSnapshot(bytes, stamp, true);
  } catch {
    index = 'damaged (it could not be read)';
  }
  return typeof index === 'string' ? { index: null, reason: index } : { index };
}
