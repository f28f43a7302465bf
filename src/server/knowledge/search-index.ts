import { sql, type Kysely } from 'kysely';
import { databaseKind } from '../db/database.ts';
import { allowedEdits, editDistance, indexTokens, vocabularyWords } from './search-text.ts';

/**
 * The search index behind one interface. Tokens come from search-text.ts for both databases; only
 * how they are stored and matched differs, and only here: SQLite keeps them in an FTS5 table and
 * ranks with bm25 (title weighted 10:1), PostgreSQL keeps a tsvector written as a literal (title
 * positions weighted A, body B, no parser or locale involved) and ranks with ts_rank. Beside the
 * index, in the same transaction, a vocabulary of its English words and how many articles hold
 * each corrects misspelled query words; that part is plain SQL, the same for both.
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

type IndexedText = { title: string; body: string };

/**
 * Writes an article's search entry. `previous` is the text indexed for it before (null for a new
 * article): its words leave the vocabulary as the new text's words enter it.
 */
export async function indexArticle(executor: Executor, article: { id: number } & IndexedText, previous: IndexedText | null): Promise<void> {
  const title = indexTokens(article.title);
  const body = indexTokens(article.body);
  if (databaseKind(executor) === 'postgres') {
    const document = tsvectorLiteral(title, body);
    await sql`insert into article_search (article_id, document) values (${article.id}, ${document}::tsvector)
      on conflict (article_id) do update set document = excluded.document`.execute(executor);
  } else {
    await sql`delete from article_search where rowid = ${article.id}`.execute(executor);
    await sql`insert into article_search (rowid, title, body) values (${article.id}, ${title.join(' ')}, ${body.join(' ')})`.execute(executor);
  }
  const counts = new Map<string, number>();
  for (const word of vocabularyWords([...title, ...body])) counts.set(word, 1);
  if (previous) for (const word of vocabularyWords(indexTokens(`${previous.title}\n${previous.body}`))) counts.set(word, (counts.get(word) ?? 0) - 1);
  await addToVocabulary(executor, counts);
}

export async function unindexArticle(executor: Executor, article: { id: number } & IndexedText): Promise<void> {
  if (databaseKind(executor) === 'postgres') await sql`delete from article_search where article_id = ${article.id}`.execute(executor);
  else await sql`delete from article_search where rowid = ${article.id}`.execute(executor);
  await addToVocabulary(executor, new Map([...vocabularyWords(indexTokens(`${article.title}\n${article.body}`))].map((word) => [word, -1])));
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
  const known = new Set((await executor.selectFrom('search_vocabulary').select('word').where('word', 'in', correctable).execute()).map((r: { word: string }) => r.word));
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
 * How many of the newest matching articles are scored. Scoring every match costs about 2 µs an
 * article (bm25 or ts_rank), so a common word over 100,000 articles would take 200 ms; instead the
 * newest matches in the title and the newest matches anywhere are scored, and the best of those
 * win. An article whose title holds the words is always a candidate while it is among the newest
 * `CANDIDATES` such titles.
 */
const CANDIDATES = 300;

export type SearchResult = {
  hits: Array<{ articleId: number; score: number }>;
  /** For each query token, the words searched for it: itself, or what its misspelling became. */
  terms: string[][];
};

/** Ids of the articles holding every token (or a correction of it) that the filters allow, best first. */
export async function searchIndex(executor: Executor, tokens: string[], filters: SearchFilters, limit: number): Promise<SearchResult> {
  if (tokens.length === 0 || filters.states.length === 0 || filters.visibilities.length === 0) return { hits: [], terms: [] };
  const terms = await spellingAlternatives(executor, tokens);
  const where = filterSql('a', filters);
  let rows: Array<{ article_id: number; score: number }>;
  if (databaseKind(executor) === 'postgres') {
    const expression = (weight: string) => terms.map((group) => `(${group.map((t) => quoteTsquery(t) + weight).join(' | ')})`).join(' & ');
    const anywhere = expression('');
    const inTitle = expression(':A');
    const candidates = (query: string) => sql`(select s.article_id, s.document from article_search s join articles a on a.id = s.article_id
      where s.document @@ cast(${query} as tsquery) and ${where} order by s.article_id desc limit ${CANDIDATES})`;
    ({ rows } = await sql<{ article_id: number; score: number }>`select c.article_id, max(ts_rank(c.document, cast(${anywhere} as tsquery))) as score
      from (${candidates(inTitle)} union all ${candidates(anywhere)}) c group by c.article_id`.execute(executor));
  } else {
    const anywhere = terms.map((group) => `(${group.map(quoteFts5).join(' OR ')})`).join(' AND ');
    const inTitle = `title : (${anywhere})`;
    const candidates = async (match: string) =>
      (
        await sql<{ article_id: number; score: number }>`select article_search.rowid as article_id, -bm25(article_search, 10.0, 1.0) as score
          from article_search join articles a on a.id = article_search.rowid
          where article_search match ${match} and ${where} order by article_search.rowid desc limit ${CANDIDATES}`.execute(executor)
      ).rows;
    rows = [...(await candidates(inTitle)), ...(await candidates(anywhere))];
  }
  const best = new Map<number, number>();
  for (const row of rows) best.set(Number(row.article_id), Math.max(best.get(Number(row.article_id)) ?? -Infinity, Number(row.score)));
  const hits = [...best]
    .map(([articleId, score]) => ({ articleId, score }))
    .sort((x, y) => y.score - x.score || y.articleId - x.articleId)
    .slice(0, limit);
  return { hits, terms };
}
