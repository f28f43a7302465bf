import type { ArticleSummary, SearchFilters } from './search-index.ts';
import { snippetOpening } from './search-text.ts';

/**
 * The per-article table of the index in memory (memory-index.ts): in arrays indexed by article id,
 * what the filters and scores read of each article, and what the results page shows of it.
 *
 * What a results page shows (number, title, the opening of the body) is kept as bytes in one
 * buffer outside the heap, one byte a character where every character fits one (as V8 keeps such
 * strings), else two, and made into strings only for the hits of a page. Kept as strings in an
 * object per article, they were 140 MB of the 280 MB of heap the benchmark's 100,000 articles took,
 * and 200,000 objects every full collection walked; as bytes, a snapshot of the table
 * (index-snapshot.ts) is the arrays themselves.
 */

export type IndexedArticle = { id: number; number: string; title: string; body: string; language: string; visibility: string; state: string; productIds: number[] };

const TWO_BYTES = 1;
const WHOLE = 2;
const ONE_BYTE = /^[\x00-\xff]*$/;

/** The table's arrays by name, as a snapshot keeps them. */
export type TableArrays = {
  present: Uint8Array;
  hashes: Uint32Array;
  textLengths: Uint32Array;
  titleLengths: Uint32Array;
  states: Uint8Array;
  visibilities: Uint8Array;
  languages: Uint8Array;
  shownAt: Uint32Array;
  shownLengths: Uint32Array;
  numberLengths: Uint16Array;
  titleCharacters: Uint16Array;
  shownFlags: Uint8Array;
  shown: Uint8Array;
  /** Each article with products: its id, how many, and their ids. */
  products: Int32Array;
};

/** The table's numbers, as a snapshot keeps them beside its arrays. */
export type TableFigures = { capacity: number; articles: number; newestId: number; totalTextLength: number; totalTitleLength: number; shownUsed: number; codes: string[] };

export class ArticleTable {
  private capacity = 0;
  private present = new Uint8Array(0);
  private hashes = new Uint32Array(0);
  textLengths = new Uint32Array(0);
  titleLengths = new Uint32Array(0);
  private states = new Uint8Array(0);
  private visibilities = new Uint8Array(0);
  private languages = new Uint8Array(0);
  private products: Array<number[] | undefined> = [];
  /** Where each article's number, title and opening start in `shown`, how many bytes they take, and the two first's lengths in characters. */
  private shownAt = new Uint32Array(0);
  private shownLengths = new Uint32Array(0);
  private numberLengths = new Uint16Array(0);
  private titleCharacters = new Uint16Array(0);
  private shownFlags = new Uint8Array(0);
  private shown = Buffer.alloc(0);
  private shownUsed = 0;
  /** Bytes of `shown` no article points to any more (texts written again). */
  private shownUnused = 0;
  /** State, visibility and language values as small numbers, so each article's fit in bytes; `names[code - 1]` is the value. */
  private readonly codes = new Map<string, number>();
  private names: string[] = [];
  /** How many articles the table holds. */
  articles = 0;
  newestId = 0;
  totalTextLength = 0;
  totalTitleLength = 0;

  private code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      this.codes.set(value, (code = this.codes.size + 1));
      this.names.push(value);
    }
    return code;
  }

  /** Makes room for article `id`. */
  grow(id: number): void {
    if (id < this.capacity) return;
    const capacity = Math.max(1024, 2 ** Math.ceil(Math.log2(id + 1)));
    const widen = <T extends Uint8Array | Uint16Array | Uint32Array>(old: T, make: (n: number) => T): T => {
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
    this.shownAt = widen(this.shownAt, (n) => new Uint32Array(n));
    this.shownLengths = widen(this.shownLengths, (n) => new Uint32Array(n));
    this.numberLengths = widen(this.numberLengths, (n) => new Uint16Array(n));
    this.titleCharacters = widen(this.titleCharacters, (n) => new Uint16Array(n));
    this.shownFlags = widen(this.shownFlags, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }

  has(id: number): boolean {
    return id < this.capacity && this.present[id] === 1;
  }

  /** The hash of the text the article's postings were written from. */
  hash(id: number): number {
    return this.hashes[id]!;
  }

  /** Records what the filters and scores read of an article whose postings were just written. */
  describe(article: IndexedArticle, titleLength: number, bodyLength: number, hash: number): void {
    const { id } = article;
    if (!this.present[id]) this.articles++;
    this.totalTextLength += titleLength + bodyLength - this.textLengths[id]!;
    this.totalTitleLength += titleLength - this.titleLengths[id]!;
    this.textLengths[id] = titleLength + bodyLength;
    this.titleLengths[id] = titleLength;
    this.hashes[id] = hash;
    this.newestId = Math.max(this.newestId, id);
    this.describeFilters(article, snippetOpening(article.body, article.body.length));
    this.present[id] = 1;
  }

  /** The filters' and the results page's part, which attribute-only changes rewrite; the opening is kept unless the text changed. */
  describeFilters(article: IndexedArticle, opening = this.summary(article.id)!.opening): void {
    const { id, number, title, language, visibility, state, productIds } = article;
    this.states[id] = this.code(state);
    this.visibilities[id] = this.code(visibility);
    this.languages[id] = this.code(language);
    this.products[id] = productIds.length > 0 ? productIds : undefined;
    this.keepShown(id, number, title, opening.text, opening.whole);
  }

  private keepShown(id: number, number: string, title: string, opening: string, whole: boolean): void {
    const text = number + title + opening;
    const twoBytes = !ONE_BYTE.test(text);
    const length = twoBytes ? 2 * text.length : text.length;
    if (this.shownUsed + length > this.shown.length) this.makeRoom(length);
    if (this.present[id]) this.shownUnused += this.shownLengths[id]!;
    this.shown.write(text, this.shownUsed, twoBytes ? 'utf16le' : 'latin1');
    this.shownAt[id] = this.shownUsed;
    this.shownLengths[id] = length;
    this.numberLengths[id] = number.length;
    this.titleCharacters[id] = title.length;
    this.shownFlags[id] = (twoBytes ? TWO_BYTES : 0) | (whole ? WHOLE : 0);
    this.shownUsed += length;
  }

  /** Room for `length` more bytes: the texts still shown are copied into a buffer half as large again as they need. */
  private makeRoom(length: number): void {
    const live = this.shownUsed - this.shownUnused;
    const next = Buffer.allocUnsafeSlow(Math.max(1 << 20, Math.ceil(1.5 * (live + length))));
    let at = 0;
    for (let id = 0; id < this.capacity; id++) {
      if (!this.present[id]) continue;
      this.shown.copy(next, at, this.shownAt[id]!, this.shownAt[id]! + this.shownLengths[id]!);
      this.shownAt[id] = at;
      at += this.shownLengths[id]!;
    }
    this.shown = next;
    this.shownUsed = at;
    this.shownUnused = 0;
  }

  /** Whether the filters allow an article, asked by id. */
  allowed(filters: SearchFilters): (id: number) => boolean {
    const allowedCodes = (values: string[]) => {
      const flags = new Uint8Array(256);
      for (const value of values) flags[this.code(value)] = 1;
      return flags;
    };
    const states = allowedCodes(filters.states);
    const visibilities = allowedCodes(filters.visibilities);
    const language = filters.language ? this.code(filters.language) : 0;
    const productId = filters.productId;
    return (id: number) =>
      states[this.states[id]!] === 1 &&
      visibilities[this.visibilities[id]!] === 1 &&
      (language === 0 || this.languages[id] === language) &&
      (productId === undefined || (this.products[id]?.includes(productId) ?? false));
  }

  /** What the results page shows of the article. */
  summary(id: number): ArticleSummary | undefined {
    if (!this.has(id)) return undefined;
    const flags = this.shownFlags[id]!;
    const twoBytes = (flags & TWO_BYTES) !== 0;
    const start = this.shownAt[id]!;
    const text = this.shown.toString(twoBytes ? 'utf16le' : 'latin1', start, start + this.shownLengths[id]!);
    const numberEnd = this.numberLengths[id]!;
    const titleEnd = numberEnd + this.titleCharacters[id]!;
    const name = (code: number) => this.names[code - 1]!;
    return {
      number: text.slice(0, numberEnd),
      title: text.slice(numberEnd, titleEnd),
      language: name(this.languages[id]!),
      visibility: name(this.visibilities[id]!),
      state: name(this.states[id]!),
      productIds: this.products[id] ?? [],
      opening: { text: text.slice(titleEnd), whole: (flags & WHOLE) !== 0 },
    };
  }

  /** The table as arrays and numbers, for a snapshot. */
  save(): { arrays: TableArrays; figures: TableFigures } {
    const products: number[] = [];
    this.products.forEach((ids, id) => ids && products.push(id, ids.length, ...ids));
    const { present, hashes, textLengths, titleLengths, states, visibilities, languages, shownAt, shownLengths, numberLengths, titleCharacters, shownFlags } = this;
    return {
      arrays: { present, hashes, textLengths, titleLengths, states, visibilities, languages, shownAt, shownLengths, numberLengths, titleCharacters, shownFlags, shown: this.shown.subarray(0, this.shownUsed), products: Int32Array.from(products) },
      figures: { capacity: this.capacity, articles: this.articles, newestId: this.newestId, totalTextLength: this.totalTextLength, totalTitleLength: this.totalTitleLength, shownUsed: this.shownUsed, codes: this.names },
    };
  }

  /**
   * A table as `save` gave it; the arrays are used as they are, not copied. `shown` may be longer
   * than its texts: texts written later go after them (room a loaded snapshot leaves there, so
   * the first edits do not copy every text while the snapshot's buffer holds the old ones).
   */
  static restore(arrays: TableArrays, figures: TableFigures): ArticleTable {
    const table = new ArticleTable();
    Object.assign(table, { ...arrays, shown: Buffer.from(arrays.shown.buffer, arrays.shown.byteOffset, arrays.shown.byteLength), products: [] });
    for (let at = 0; at < arrays.products.length; at += 2 + arrays.products[at + 1]!) table.products[arrays.products[at]!] = [...arrays.products.subarray(at + 2, at + 2 + arrays.products[at + 1]!)];
    Object.assign(table, { capacity: figures.capacity, articles: figures.articles, newestId: figures.newestId, totalTextLength: figures.totalTextLength, totalTitleLength: figures.totalTitleLength, shownUsed: figures.shownUsed, shownUnused: 0 });
    for (const name of figures.codes) table.code(name);
    return table;
  }
}
