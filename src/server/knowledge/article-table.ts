import type { ArticleSummary, SearchFilters } from './search-index.ts';
import { snippetOpening } from './search-text.ts';

/**
 * The per-article table of the index in memory (memory-index.ts): in arrays indexed by article id,
 * what the filters and scores read of each article, and what the results page shows of it.
 */

export type IndexedArticle = { id: number; number: string; title: string; body: string; language: string; visibility: string; state: string; productIds: number[] };

export class ArticleTable {
  private capacity = 0;
  private present = new Uint8Array(0);
  private hashes = new Uint32Array(0);
  textLengths = new Uint32Array(0);
  titleLengths = new Uint32Array(0);
  private states = new Uint8Array(0);
  private visibilities = new Uint8Array(0);
  private languages = new Uint8Array(0);
  private readonly products: Array<number[] | undefined> = [];
  private readonly summaries: Array<ArticleSummary | undefined> = [];
  /** State, visibility and language values as small numbers, so each article's fit in bytes. */
  private readonly codes = new Map<string, number>();
  /** How many articles the table holds. */
  articles = 0;
  newestId = 0;
  totalTextLength = 0;
  totalTitleLength = 0;

  private code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) this.codes.set(value, (code = this.codes.size + 1));
    return code;
  }

  /** Makes room for article `id`. */
  grow(id: number): void {
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
    this.present[id] = 1;
    this.newestId = Math.max(this.newestId, id);
    this.describeFilters(article, snippetOpening(article.body, article.body.length));
  }

  /** The filters' and the results page's part, which attribute-only changes rewrite; the opening is kept unless the text changed. */
  describeFilters(article: IndexedArticle, opening = this.summaries[article.id]!.opening): void {
    const { id, number, title, language, visibility, state, productIds } = article;
    this.states[id] = this.code(state);
    this.visibilities[id] = this.code(visibility);
    this.languages[id] = this.code(language);
    this.products[id] = productIds.length > 0 ? productIds : undefined;
    this.summaries[id] = { number, title, language, visibility, state, productIds, opening };
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
    return this.summaries[id];
  }
}
