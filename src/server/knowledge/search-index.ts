import { sql, type Kysely } from 'kysely';
import { databaseKind, type Db } from '../db/database.ts';
import { listArguments, runPrepared } from '../db/prepared.ts';
import { allowedEdits, editDistance, indexTokens, vocabularyWords, type SnippetOpening } from './search-text.ts';

/**
 * The search index behind one interface. Tokens come from search-text.ts for both databases; only
 * how they are stored and matched differs, and only here: SQLite keeps them in an FTS5 table (and
 * the title's alone in a second one) and ranks with bm25; PostgreSQL keeps a tsvector written as a
 * literal (title positions weighted A, body B, no parser or locale involved) and one of the title
 * alone, and ranks with ts_rank. Beside the index, in the same transaction, a vocabulary of its
 * English words and how many articles hold each corrects misspelled query words; that part is
 * plain SQL, the same for both.
 */

type Executor = Kysely<any>;

const MAX_POSITIONS_PER_TOKEN = 50;
const MAX_POSITION = 16_383;

/** `'token':1A,7A 'other':3B` — PostgreSQL's tsvector input format, lexemes quoted literally. */
function tsvectorLiteral(title: string[], body: string[]): string {
  const positions = new Map<string, string[]>();
  const add = (tokens: string[], offset: number, weight: 'A' | 'B') =>
    tokens.forEach((token, index) => {
      const position = Math.min(offset + index + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_TOKEN) list.push(`${position}${weight}`);
      positions.set(token, list);
    });
  add(title, 0, 'A');
  add(body, title.length, 'B');
  return [...positions].map(([token, list]) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${list.join(',')}`).join(' ');
}

const quoteFts5 = (token: string) => `"${token.replace(/"/g, '""')}"`;
const quoteTsquery = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * `customerVisible`: published and not internal. Only such articles feed the spelling vocabulary,
 * so whether a word is corrected never tells an outsider what internal or draft articles say.
 */
type IndexedText = { title: string; body: string; customerVisible: boolean };

/**
 * Writes an article's search entry. `previous` is the text indexed for it before (null for a new
 * article): its words leave the vocabulary as the new text's words enter it.
 */
export async function indexArticle(executor: Executor, article: { id: number } & IndexedText, previous: IndexedText | null): Promise<void> {
  const title = indexTokens(article.title);
  const body = indexTokens(article.body);
  if (databaseKind(executor) === 'postgres') {
    const document = tsvectorLiteral(title, body);
    await sql`insert into article_search (article_id, document, title) values (${article.id}, ${document}::tsvector, ${tsvectorLiteral(title, [])}::tsvector)
      on conflict (article_id) do update set document = excluded.document, title = excluded.title`.execute(executor);
  } else {
    await sql`delete from article_search where rowid = ${article.id}`.execute(executor);
    await sql`insert into article_search (rowid, title, body) values (${article.id}, ${title.join(' ')}, ${body.join(' ')})`.execute(executor);
    await sql`delete from article_title_search where rowid = ${article.id}`.execute(executor);
    await sql`insert into article_title_search (rowid, title) values (${article.id}, ${title.join(' ')})`.execute(executor);
  }
  const counts = new Map<string, number>();
  if (article.customerVisible) for (const word of vocabularyWords([...title, ...body])) counts.set(word, 1);
  if (previous?.customerVisible) for (const word of vocabularyWords(indexTokens(`${previous.title}\n${previous.body}`))) counts.set(word, (counts.get(word) ?? 0) - 1);
  await addToVocabulary(executor, counts);
}

/**
 * Search entries for many new articles in a few statements, their words counted into the
 * vocabulary once: what a seed or an import writes by the thousand, where one article at a time
 * would upsert the same common words thousands of times.
 */
export async function indexNewArticles(executor: Executor, articles: Array<{ id: number } & IndexedText>): Promise<void> {
  const counts = new Map<string, number>();
  // 3 parameters an article; SQLite takes at most 32,766 in a statement.
  for (let i = 0; i < articles.length; i += 1000) {
    const entries = await writeEntries(executor, articles.slice(i, i + 1000), false);
    for (const entry of entries) if (entry.customerVisible) for (const word of vocabularyWords([...entry.title, ...entry.body])) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  await addToVocabulary(executor, counts);
}

/**
 * Writes the search entries of up to 1,000 articles from their text as search-text.ts folds it
 * now; `replace`: they have entries already, which these take the place of. The vocabulary is the
 * caller's.
 */
async function writeEntries(executor: Executor, articles: Array<{ id: number } & IndexedText>, replace: boolean) {
  const entries = articles.map((article) => ({ id: article.id, title: indexTokens(article.title), body: indexTokens(article.body), customerVisible: article.customerVisible }));
  if (entries.length === 0) return entries;
  if (databaseKind(executor) === 'postgres') {
    const rows = entries.map((entry) => sql`(${entry.id}, ${tsvectorLiteral(entry.title, entry.body)}::tsvector, ${tsvectorLiteral(entry.title, [])}::tsvector)`);
    await sql`insert into article_search (article_id, document, title) values ${sql.join(rows)}${replace ? sql` on conflict (article_id) do update set document = excluded.document, title = excluded.title` : sql``}`.execute(executor);
  } else {
    if (replace) {
      const ids = entries.map((entry) => entry.id);
      await sql`delete from article_search where rowid in (${sql.join(ids)})`.execute(executor);
      await sql`delete from article_title_search where rowid in (${sql.join(ids)})`.execute(executor);
    }
    await sql`insert into article_search (rowid, title, body) values ${sql.join(entries.map((entry) => sql`(${entry.id}, ${entry.title.join(' ')}, ${entry.body.join(' ')})`))}`.execute(executor);
    await sql`insert into article_title_search (rowid, title) values ${sql.join(entries.map((entry) => sql`(${entry.id}, ${entry.title.join(' ')})`))}`.execute(executor);
  }
  return entries;
}

/**
 * Search entries written again from the articles' text, as the folding of search-text.ts makes them
 * now (reindex.job.ts). The vocabulary is left as it is: it holds Latin words only, which no change to
 * the folding of Japanese touches.
 */
export async function rewriteSearchEntries(executor: Executor, articles: Array<{ id: number; title: string; body: string }>): Promise<void> {
  for (let i = 0; i < articles.length; i += 1000) await writeEntries(executor, articles.slice(i, i + 1000).map((article) => ({ ...article, customerVisible: false })), true);
}

/**
 * Adds the counts (negative to remove) to the vocabulary. Words are written in sorted order, so two
 * transactions that touch the same words in PostgreSQL lock them in the same order and never
 * deadlock; a word no article holds any more is removed.
 */
export async function addToVocabulary(executor: Executor, counts: Map<string, number>): Promise<void> {
  const changes = [...counts].filter(([, delta]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // 5 parameters a word; SQLite takes at most 32,766 in a statement.
  for (let i = 0; i < changes.length; i += 1000) {
    const values = changes.slice(i, i + 1000).map(([word, articles]) => {
      const letters = [...word];
      return { word, head: letters[0]!, tail: letters[letters.length - 1]!, length: letters.length, articles };
    });
    await executor
      .insertInto('search_vocabulary')
      .values(values)
      .onConflict((oc) => oc.column('word').doUpdateSet((eb) => ({ articles: eb('search_vocabulary.articles', '+', eb.ref('excluded.articles')) })))
      .execute();
  }
  const removed = changes.filter(([, delta]) => delta < 0).map(([word]) => word);
  for (let i = 0; i < removed.length; i += 1000) await executor.deleteFrom('search_vocabulary').where('word', 'in', removed.slice(i, i + 1000)).where('articles', '<=', 0).execute();
}

/** At most this many words replace a misspelled one; more would only add noise. */
const MAX_CORRECTIONS = 3;

/**
 * For each query token, the words to search for it: the token itself, or, for an English word no
 * article holds, the closest vocabulary words (fewest edits, then most articles). Close words share
 * the first or the last letter, which one typing mistake cannot both change; they are found by
 * those and by length through an index, so a correction reads a few hundred words, not all.
 */
export async function spellingAlternatives(executor: Executor, tokens: string[]): Promise<string[][]> {
  const correctable = tokens.filter((token) => allowedEdits(token) > 0);
  if (correctable.length === 0) return tokens.map((token) => [token]);
  const words = listArguments('w', correctable);
  // Built once for each number of words (QUERY_MAX_TOKENS at most): this runs on every search.
  const knownRows = await runPrepared(executor as Db, `spelling-known|${correctable.length}`, words.args, (db, arg) =>
    db.selectFrom('search_vocabulary').select('word').where('word', 'in', words.slots(arg)),
  );
  const known = new Set(knownRows.map((r) => r.word));
  return Promise.all(
    tokens.map(async (token) => {
      const edits = allowedEdits(token);
      if (edits === 0 || known.has(token)) return [token];
      const letters = [...token];
      const lengths = Array.from({ length: 2 * edits + 1 }, (_, k) => letters.length - edits + k);
      const rows: Array<{ word: string; articles: number }> = await executor
        .selectFrom('search_vocabulary')
        .select(['word', 'articles'])
        .where((eb) => eb.or([eb.and([eb('head', '=', letters[0]!), eb('length', 'in', lengths)]), eb.and([eb('tail', '=', letters[letters.length - 1]!), eb('length', 'in', lengths)])]))
        .execute();
      const close = rows
        .map((row) => ({ word: row.word, articles: Number(row.articles), edits: editDistance(token, row.word, edits) }))
        .filter((row) => row.edits <= edits)
        .sort((a, b) => a.edits - b.edits || b.articles - a.articles || (a.word < b.word ? -1 : 1))
        .slice(0, MAX_CORRECTIONS)
        .map((row) => row.word);
      return close.length > 0 ? close : [token];
    }),
  );
}

export type SearchFilters = { states: string[]; visibilities: string[]; language?: string; productId?: number };

function filterSql(alias: string, filters: SearchFilters) {
  const parts = [sql`${sql.ref(`${alias}.state`)} in (${sql.join(filters.states)})`, sql`${sql.ref(`${alias}.visibility`)} in (${sql.join(filters.visibilities)})`];
  if (filters.language) parts.push(sql`${sql.ref(`${alias}.language`)} = ${filters.language}`);
  if (filters.productId) parts.push(sql`exists (select 1 from article_products ap where ap.article_id = ${sql.ref(`${alias}.id`)} and ap.product_id = ${filters.productId})`);
  return sql.join(parts, sql` and `);
}

/**
 * How many of the newest matching articles are scored, in the title index and in the whole text.
 * Scoring is most of a search's cost (measured over 100,000 articles: bm25 on 300 candidates of a
 * common word 10 ms, on 100 2 ms; ts_rank reads each candidate's whole document), and a common word
 * matches 15,000 articles; so the newest matches are scored and the best of those win. An article
 * whose title holds the words is a candidate while it is among the newest `CANDIDATES` such titles.
 */
// A literal in the SQL: SQLite plans a statement anew at every run when its LIMIT is a bound value.
const CANDIDATES = 100;

/** PostgreSQL looks for candidates among this many newest article ids, then ten times as many, then all (see searchStoredIndex). */
const RECENT_WINDOW = 2_000;

/** Title matches first (the title holds every word), each part by the index's relevance. */
export type SearchHit = {
  articleId: number;
  score: number;
  inTitle: boolean;
  /** False when the body holds none of the words (a title match): its snippet is its opening. Unknown to the stored indexes. */
  bodyMatch?: boolean;
  /** What the results page shows of the article, where the index keeps it (memory-index.ts). */
  article?: ArticleSummary;
};

/** An article as a results page shows it, with the opening its snippet is cut from where it can be. */
export type ArticleSummary = { number: string; title: string; language: string; visibility: string; state: string; productIds: number[]; opening: SnippetOpening };

/**
 * Ids of the articles holding every term (each term: a query word, or the corrections of a
 * misspelled one, from spellingAlternatives) that the filters allow, best first, from the
 * database's own indexes. Each server process answers from its index in memory once it has loaded
 * (memory-index.ts); this answers until then.
 */
export async function searchStoredIndex(executor: Executor, terms: string[][], filters: SearchFilters, limit: number): Promise<SearchHit[]> {
  if (terms.length === 0 || filters.states.length === 0 || filters.visibilities.length === 0) return [];
  const where = filterSql('a', filters);
  let rows: Array<{ article_id: number; score: number; in_title: number | boolean }>;
  if (databaseKind(executor) === 'postgres') {
    const query = terms.map((group) => `(${group.map(quoteTsquery).join(' | ')})`).join(' & ');
    // The newest matches come from the GIN index as an unordered set, every match fetched and
    // joined to its article before the newest are picked: for a common word (a Japanese one is
    // several common character pairs) that is 15,000 rows, 130 ms. Among the newest articles only,
    // the index and the primary key meet in a bitmap and a few hundred rows are read; a wider
    // range is searched only when the newest hold too few matches. Only the candidates are ranked:
    // ranking reads each one's document (kilobytes, out of line). As in SQLite, title matches are
    // ranked by the title alone. (`+ 0`: ordered by the primary key itself, the planner
    // may walk it backwards and test every document on the way, reading each one.)
    const newestMatches = async (column: 'title' | 'document', above: number | null) =>
      (
        await sql<{ article_id: number; score: number; in_title: boolean }>`select c.article_id, ts_rank(${sql.ref(`r.${column}`)}, cast(${query} as tsquery)) as score, ${sql.lit(column === 'title')} as in_title
          from (select s.article_id from article_search s join articles a on a.id = s.article_id
            where ${sql.ref(`s.${column}`)} @@ cast(${query} as tsquery) and ${where}${above === null ? sql`` : sql` and s.article_id > ${above}`}
            order by s.article_id + 0 desc limit ${sql.lit(CANDIDATES)}) c
          join article_search r on r.article_id = c.article_id`.execute(executor)
      ).rows;
    const newestId = Number((await sql<{ id: number | null }>`select max(article_id) as id from article_search`.execute(executor)).rows[0]?.id ?? 0);
    const candidates = async (column: 'title' | 'document') => {
      for (let window = RECENT_WINDOW; window < newestId; window *= 10) {
        const recent = await newestMatches(column, newestId - window);
        if (recent.length === CANDIDATES) return recent;
      }
      return newestMatches(column, null);
    };
    rows = [...(await candidates('title')), ...(await candidates('document'))];
  } else {
    const match = terms.map((group) => `(${group.map(quoteFts5).join(' OR ')})`).join(' AND ');
    // Title matches are ranked among themselves by the title index, the others by the whole text
    // with the title weighted ten to one.
    const candidates = async (table: 'article_title_search' | 'article_search') =>
      (
        await sql<{ article_id: number; score: number; in_title: number }>`select ${sql.ref(`${table}.rowid`)} as article_id,
            ${table === 'article_title_search' ? sql`-bm25(article_title_search)` : sql`-bm25(article_search, 10.0, 1.0)`} as score, ${sql.lit(table === 'article_title_search' ? 1 : 0)} as in_title
          from ${sql.table(table)} join articles a on a.id = ${sql.ref(`${table}.rowid`)}
          where ${sql.table(table)} match ${match} and ${where} order by ${sql.ref(`${table}.rowid`)} desc limit ${sql.lit(CANDIDATES)}`.execute(executor)
      ).rows;
    rows = [...(await candidates('article_title_search')), ...(await candidates('article_search'))];
  }
  // An article in both candidate sets keeps its title score: title matches are ranked among themselves.
  const best = new Map<number, SearchHit>();
  for (const row of rows) {
    const articleId = Number(row.article_id);
    const seen = best.get(articleId);
    if (!seen || (!!row.in_title && !seen.inTitle)) best.set(articleId, { articleId, score: Number(row.score), inTitle: !!row.in_title });
  }
  return [...best.values()].sort((x, y) => Number(y.inTitle) - Number(x.inTitle) || y.score - x.score || y.articleId - x.articleId).slice(0, limit);
}
