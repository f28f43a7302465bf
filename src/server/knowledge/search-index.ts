import { sql, type Kysely } from 'kysely';
import { databaseKind } from '../db/database.ts';
import { indexTokens } from './search-text.ts';

/**
 * The search index behind one interface. Tokens come from search-text.ts for both databases; only
 * how they are stored and matched differs, and only here: SQLite keeps them in an FTS5 table and
 * ranks with bm25 (title weighted 10:1), PostgreSQL keeps a tsvector written as a literal (title
 * positions weighted A, body B, no parser or locale involved) and ranks with ts_rank.
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

export async function indexArticle(executor: Executor, article: { id: number; title: string; body: string }): Promise<void> {
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
}

export async function unindexArticle(executor: Executor, articleId: number): Promise<void> {
  if (databaseKind(executor) === 'postgres') await sql`delete from article_search where article_id = ${articleId}`.execute(executor);
  else await sql`delete from article_search where rowid = ${articleId}`.execute(executor);
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

/** Ids of the articles holding every token that the filters allow, best first. */
export async function searchIndex(executor: Executor, tokens: string[], filters: SearchFilters, limit: number): Promise<Array<{ articleId: number; score: number }>> {
  if (tokens.length === 0 || filters.states.length === 0 || filters.visibilities.length === 0) return [];
  const where = filterSql('a', filters);
  let rows: Array<{ article_id: number; score: number }>;
  if (databaseKind(executor) === 'postgres') {
    const anywhere = tokens.map(quoteTsquery).join(' & ');
    const inTitle = tokens.map((t) => `${quoteTsquery(t)}:A`).join(' & ');
    const candidates = (query: string) => sql`(select s.article_id, s.document from article_search s join articles a on a.id = s.article_id
      where s.document @@ cast(${query} as tsquery) and ${where} order by s.article_id desc limit ${CANDIDATES})`;
    ({ rows } = await sql<{ article_id: number; score: number }>`select c.article_id, max(ts_rank(c.document, cast(${anywhere} as tsquery))) as score
      from (${candidates(inTitle)} union all ${candidates(anywhere)}) c group by c.article_id`.execute(executor));
  } else {
    const anywhere = tokens.map(quoteFts5).join(' AND ');
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
  return [...best]
    .map(([articleId, score]) => ({ articleId, score }))
    .sort((x, y) => y.score - x.score || y.articleId - x.articleId)
    .slice(0, limit);
}
