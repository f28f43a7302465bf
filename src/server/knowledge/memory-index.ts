import { ArticleTable, type IndexedArticle } from './article-table.ts';
import { CursorBuffers, PLAIN_BUDGET, PlainCursor, PlainLists, PostingsCursor, type Cursor } from './list-walk.ts';
import { DENSE_SHARE, Postings } from './postings.ts';
import { Matches, newestMatches, TITLE_WEIGHT, type Walk } from './scoring.ts';
import type { SearchFilters, SearchHit } from './search-index.ts';
import { indexTokens } from './search-text.ts';

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
 * Its parts: the postings' encoding (postings.ts), the walk over lists (list-walk.ts), scoring
 * (scoring.ts) and the per-article table (article-table.ts); how a process loads it and keeps it
 * up to date is index-registry.ts.
 */

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

/** An index's terms (each one's number is its place), their lists and its per-article table. */
export type IndexParts = { terms: string[]; text: Postings[]; titles: Array<Postings | undefined>; table: ArticleTable };

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
  private readonly text: Postings[];
  private readonly titles: Array<Postings | undefined>;
  // How often each term occurs in the article being added, and which terms it holds.
  private textCounts = new Int32Array(1024);
  private titleCounts = new Int32Array(1024);
  private held = new Int32Array(1024);
  private readonly table: ArticleTable;
  private readonly buffers = new CursorBuffers();
  private readonly titleMatches = new Matches();
  private readonly textMatches = new Matches();

  private readonly plainLists: PlainLists;
  /** The cursors on blocks of the search under way. */
  private blockCursors: PostingsCursor[] = [];
  private readonly walk: Walk;

  /**
   * `denseShare`: see DENSE_SHARE; `plainBudget`: see PLAIN_BUDGET; both 0 walk every list's blocks
   * (the tests' reference). `parts`: an index saved before (index-snapshot.ts).
   */
  constructor(
    private readonly denseShare = DENSE_SHARE,
    plainBudget = PLAIN_BUDGET,
    parts?: IndexParts,
  ) {
    this.plainLists = new PlainLists(plainBudget);
    this.text = parts?.text ?? [];
    this.titles = parts?.titles ?? [];
    this.table = parts?.table ?? new ArticleTable();
    for (const token of parts?.terms ?? []) this.terms.set(token, this.terms.size);
    while (this.textCounts.length < this.text.length) this.widenCounts();
    const table = this.table;
    this.walk = {
      get articles() {
        return table.articles;
      },
      get newestId() {
        return table.newestId;
      },
      cursor: (list) => this.cursor(list),
      dense: (list) => list.dense(table.newestId, this.denseShare),
    };
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
    return this.table.articles;
  }

  /** Postings kept decoded as plain arrays (PLAIN_BUDGET at most). */
  get plainPostings(): number {
    return this.plainLists.size;
  }

  private term(token: string): number {
    let term = this.terms.get(token);
    if (term === undefined) {
      term = this.text.length;
      this.terms.set(token, term);
      this.text.push(new Postings());
      this.titles.push(undefined);
      if (term >= this.textCounts.length) this.widenCounts();
    }
    return term;
  }

  private widenCounts(): void {
    const counts = (old: Int32Array) => {
      const next = new Int32Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.textCounts = counts(this.textCounts);
    this.titleCounts = counts(this.titleCounts);
    this.held = counts(this.held);
  }

  /** What a snapshot keeps of the index (index-snapshot.ts): its terms in number order, their lists and the per-article table. */
  parts(): IndexParts {
    return { terms: [...this.terms.keys()], text: this.text, titles: this.titles, table: this.table };
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
      if (article.id > this.table.newestId) fresh.push(article);
      else this.put(article);
    }
    if (fresh.length === 0) return;
    const text = new PostingBatch();
    const titles = new PostingBatch();
    for (const article of fresh) {
      const { id } = article;
      this.table.grow(id);
      const { title, body, held } = this.count(article);
      for (let i = 0; i < held; i++) {
        const term = this.held[i]!;
        text.push(term, id, this.textCounts[term]!);
        if (this.titleCounts[term]! > 0) titles.push(term, id, this.titleCounts[term]!);
        this.textCounts[term] = 0;
        this.titleCounts[term] = 0;
      }
      this.table.describe(article, title.length, body.length, textHash(article.title, article.body));
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

  /** Adds an article or brings it up to date; its tokens are read again only if its text changed. */
  put(article: IndexedArticle): void {
    const { id } = article;
    this.table.grow(id);
    const hash = textHash(article.title, article.body);
    const present = this.table.has(id);
    if (present && this.table.hash(id) === hash) {
      this.table.describeFilters(article);
      return;
    }
    if (present) this.removeTokens(id);
    const { title, body, held } = this.count(article);
    for (let i = 0; i < held; i++) {
      const term = this.held[i]!;
      this.text[term]!.add(id, Math.min(this.textCounts[term]!, 255));
      if (this.titleCounts[term]! > 0) (this.titles[term] ??= new Postings()).add(id, Math.min(this.titleCounts[term]!, 255));
      this.textCounts[term] = 0;
      this.titleCounts[term] = 0;
    }
    this.table.describe(article, title.length, body.length, hash);
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
    const allowed = this.table.allowed(filters);
    const lists = (postings: Array<Postings | undefined>) => terms.map((words) => words.flatMap((word) => postings[this.terms.get(word) ?? -1] ?? []).filter((list) => list.size > 0));
    const table = this.table;
    const inTitle = newestMatches(this.walk, lists(this.titles), allowed, { lengths: table.titleLengths, total: table.totalTitleLength }, this.titleMatches);
    // Hits are built property by property: an object spread here took V8's slow path, 2 µs a hit.
    const toHit = (inTitle: boolean) => (match: { articleId: number; score: number }): SearchHit => ({ articleId: match.articleId, score: match.score, inTitle, article: table.summary(match.articleId) });
    const hits: SearchHit[] = this.titleMatches.best(inTitle, limit, () => false).map(toHit(true));
    this.markBodyMatches(hits, terms);
    // Title matches come first: the whole text is searched only when they do not fill the page.
    if (hits.length < limit) {
      const inText = newestMatches(this.walk, lists(this.text), allowed, { lengths: table.textLengths, total: table.totalTextLength }, this.textMatches);
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
      const dense = this.walk.dense(postings);
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
}
