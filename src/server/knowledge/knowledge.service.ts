import { sql, type Transaction } from 'kysely';
import { searchProducts } from '../cases/cases.repository.ts';
import type { Db } from '../db/database.ts';
import { listArguments, runPrepared } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../lib/errors.ts';
import type { Actor } from '../lib/http.ts';
import { isSupportStaff } from '../lib/roles.ts';
import { responseSerializerCompiler } from '../lib/response-serializer.ts';
import { searchResults } from './knowledge.schemas.ts';
import { formatNumber, nextCounterValue } from '../lib/identifiers.ts';
import { indexArticle, indexNewArticles, searchStoredIndex, spellingAlternatives, type ArticleSummary, type SearchFilters, type SearchHit } from './search-index.ts';
import { searchArticleIndex } from './index-registry.ts';
import { cachedSearch, cacheSearch, invalidateSearches, searchGeneration } from './search-cache.ts';
import { bodySnippet, OPENING_LENGTH, openingSnippet, queryTokens, queryWords, snippet, snippetOpening, type SnippetPart } from './search-text.ts';

/** A word with a kana or kanji in it: such query words are matched by character pairs. */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export type ArticleInput = { title: string; body: string; language: string; visibility: string; state: string; productIds: number[] };

/** Visitors read public articles, contacts also customer articles, staff everything (SPEC "Knowledge base"). */
export function readableBy(actor: Actor | null): SearchFilters {
  if (!actor) return { states: ['published'], visibilities: ['public'] };
  if (actor.person.kind === 'staff') return { states: ['draft', 'published', 'retired'], visibilities: ['public', 'customers', 'internal'] };
  return { states: ['published'], visibilities: ['public', 'customers'] };
}

const isAgent = (actor: Actor | null) => !!actor && isSupportStaff(actor);
const notFound = () => new AppError('not_found', 'This article was not found.', 'errors.articleNotFound');

async function checkProducts(db: Db, productIds: number[]) {
  if (productIds.length === 0) return;
  const found = await db.selectFrom('products').select('id').where('id', 'in', productIds).execute();
  if (found.length !== new Set(productIds).size) throw new AppError('bad_request', 'A product is not in the catalogue.', 'errors.productUnknown', 'productIds');
}

/** Writes an article, its revision, its products and its search entry in one transaction: published means searchable. */
export async function createArticle(db: Db, actor: Actor, input: ArticleInput, now: number): Promise<{ number: string }> {
  if (!isAgent(actor)) throw new AppError('forbidden', 'Only support staff write knowledge articles.', 'errors.forbidden');
  await checkProducts(db, input.productIds);
  const [number] = await db.transaction().execute((trx) => insertArticles(trx, [input], actor.person.id, now));
  return { number: number! };
}

/** Published and not internal: what a contact can read, and so what the spelling vocabulary holds. */
const customerVisible = (article: { state: string; visibility: string }) => article.state === 'published' && article.visibility !== 'internal';

/**
 * The writing half of createArticle, inside the caller's transaction, for callers that checked
 * who writes and which products exist themselves (the importer checks a whole file first). The
 * search entries of all the articles are written together, their words counted once.
 */
export async function insertArticles(trx: Transaction<Database>, inputs: ArticleInput[], authorId: number | null, now: number): Promise<string[]> {
  const numbers: string[] = [];
  const indexed: Parameters<typeof indexNewArticles>[1] = [];
  const generation = await invalidateSearches(trx);
  for (const input of inputs) {
    const number = formatNumber('KB', await nextCounterValue(trx, 'article'));
    const row = await trx
      .insertInto('articles')
      .values({ number, title: input.title, body: input.body, language: input.language, visibility: input.visibility, state: input.state, author_id: authorId, published_at: input.state === 'published' ? now : null, created_at: now, updated_at: now, search_generation: generation })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const productId of new Set(input.productIds)) await trx.insertInto('article_products').values({ article_id: row.id, product_id: productId }).execute();
    await trx.insertInto('article_revisions').values({ article_id: row.id, title: input.title, body: input.body, editor_id: authorId, created_at: now }).execute();
    numbers.push(number);
    indexed.push({ id: row.id, title: input.title, body: input.body, customerVisible: customerVisible(input) });
  }
  await indexNewArticles(trx, indexed);
  return numbers;
}

export async function updateArticle(db: Db, actor: Actor, number: string, input: Partial<ArticleInput>, now: number): Promise<void> {
  if (!isAgent(actor)) throw new AppError('forbidden', 'Only support staff write knowledge articles.', 'errors.forbidden');
  const article = await db.selectFrom('articles').selectAll().where('number', '=', number).executeTakeFirst();
  if (!article) throw notFound();
  if (input.productIds) await checkProducts(db, input.productIds);
  const next = { ...article, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as typeof article;
  await db.transaction().execute(async (trx) => {
    const generation = await invalidateSearches(trx);
    await trx
      .updateTable('articles')
      .set({
        search_generation: generation,
        title: next.title,
        body: next.body,
        language: next.language,
        visibility: next.visibility,
        state: next.state,
        published_at: next.state === 'published' ? (article.published_at ?? now) : article.published_at,
        updated_at: now,
      })
      .where('id', '=', article.id)
      .execute();
    if (input.productIds) {
      await trx.deleteFrom('article_products').where('article_id', '=', article.id).execute();
      for (const productId of new Set(input.productIds)) await trx.insertInto('article_products').values({ article_id: article.id, product_id: productId }).execute();
    }
    if (input.title !== undefined || input.body !== undefined) {
      await trx.insertInto('article_revisions').values({ article_id: article.id, title: next.title, body: next.body, editor_id: actor.person.id, created_at: now }).execute();
    }
    if (input.title !== undefined || input.body !== undefined || customerVisible(next) !== customerVisible(article)) {
      await indexArticle(trx, { id: article.id, title: next.title, body: next.body, customerVisible: customerVisible(next) }, { title: article.title, body: article.body, customerVisible: customerVisible(article) });
    }
  });
}

/** The article if this reader may read it; otherwise a 404, the same as for a number that does not exist. */
async function findReadableArticle(db: Db, actor: Actor | null, number: string) {
  const article = await db.selectFrom('articles').selectAll().where('number', '=', number).executeTakeFirst();
  const allowed = readableBy(actor);
  if (!article || !allowed.states.includes(article.state) || !allowed.visibilities.includes(article.visibility)) throw notFound();
  return article;
}

/** Opens an article: counts a view (customers and visitors only) and returns it with products and votes. */
export async function readArticle(db: Db, actor: Actor | null, number: string) {
  const article = await findReadableArticle(db, actor, number);
  const products = await db
    .selectFrom('article_products as ap')
    .innerJoin('products as p', 'p.id', 'ap.product_id')
    .select(['p.id', 'p.name'])
    .where('ap.article_id', '=', article.id)
    .orderBy('p.name')
    .execute();
  if (!isAgent(actor)) await db.updateTable('articles').set((eb) => ({ views: eb('views', '+', 1) })).where('id', '=', article.id).execute();
  const votes = await db.selectFrom('article_votes').select(['person_id', 'helpful']).where('article_id', '=', article.id).execute();
  const mine = actor ? votes.find((v) => v.person_id === actor.person.id) : undefined;
  return {
    number: article.number,
    title: article.title,
    body: article.body,
    language: article.language as 'en' | 'ja',
    visibility: article.visibility as 'public' | 'customers' | 'internal',
    state: article.state as 'draft' | 'published' | 'retired',
    products,
    updatedAt: article.updated_at,
    publishedAt: article.published_at,
    stats: isAgent(actor) ? { views: Number(article.views), helpful: votes.filter((v) => v.helpful === 1).length, notHelpful: votes.filter((v) => v.helpful === 0).length } : null,
    myVote: mine ? mine.helpful === 1 : null,
  };
}

export async function voteOnArticle(db: Db, actor: Actor, number: string, helpful: boolean, now: number): Promise<void> {
  if (actor.person.kind !== 'contact') throw new AppError('forbidden', 'Only customer contacts vote on articles.', 'errors.forbidden');
  const row = await findReadableArticle(db, actor, number);
  await db
    .insertInto('article_votes')
    .values({ article_id: row.id, person_id: actor.person.id, helpful: helpful ? 1 : 0, created_at: now })
    .onConflict((oc) => oc.columns(['article_id', 'person_id']).doUpdateSet({ helpful: helpful ? 1 : 0, created_at: now }))
    .execute();
}

/** A results page as the API answers it, written by the route's response schema. */
const writeSearchResults = responseSerializerCompiler({ schema: searchResults, method: 'GET', url: '/api/kb/search', httpStatus: '200' });
const utf8 = new TextEncoder();

/**
 * The page as the bytes sent. Encoded here once, where HTTP would encode the string again at
 * every send of a kept answer, after measuring its length for Content-Length. The bytes have a
 * buffer of their own, never a slice of a shared pool that keeping them would hold on to; and a
 * kept answer is then memory outside the JavaScript heap, which the collector neither copies at
 * each scavenge nor marks.
 */
function encodeSearchResults(page: Parameters<typeof writeSearchResults>[0]): Buffer {
  const bytes = utf8.encode(writeSearchResults(page));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Search: articles holding every query word (Japanese by character pairs; a misspelled English
 * word by its corrections), those whose title holds them all first, then by the index's relevance;
 * each with a highlighted snippet. Answers the results page as the UTF-8 JSON the route sends, the
 * form it is kept in: a kept answer is sent without being written or encoded again.
 */
export async function searchArticles(db: Db, actor: Actor | null, query: { q: string; productId?: number; language?: 'en' | 'ja'; limit: number }): Promise<Buffer> {
  const tokens = queryTokens(query.q);
  if (tokens.length === 0) return encodeSearchResults({ items: [] });
  const words = queryWords(query.q);
  const { states, visibilities } = readableBy(actor);
  const filters: SearchFilters = { states, visibilities, language: query.language, productId: query.productId };
  const generation = await searchGeneration(db);
  const key = JSON.stringify([words, filters, query.limit]);
  let answer = cachedSearch<Buffer>(db, generation, key);
  if (answer === undefined) {
    answer = encodeSearchResults({ items: await searchPage(db, generation, { tokens, words }, filters, query.limit) });
    cacheSearch(db, generation, key, answer);
  }
  return answer;
}

/**
 * `tokens` are what the index matches (every one must, or one of its spelling corrections), `words`
 * the query's words whole, which the snippets highlight.
 */
async function searchPage(db: Db, generation: number, { tokens, words }: { tokens: string[]; words: string[] }, filters: SearchFilters, limit: number) {
  const terms = await spellingAt(db, generation, tokens);
  const hits = (await searchArticleIndex(db, generation, terms, filters, limit)) ?? (await searchStoredIndex(db, terms, filters, limit));
  if (hits.length === 0) return [];
  // The index in memory hands over what the page shows; the database's indexes only ids.
  const articles = new Map(hits.flatMap((hit) => (hit.article ? [[hit.articleId, hit.article]] : [])));
  if (articles.size < hits.length) for (const [id, article] of await readSummaries(db, hits.filter((hit) => !hit.article).map((hit) => hit.articleId))) articles.set(id, article);
  // Whole words are highlighted: Japanese runs as typed, Latin words with their corrections. Never
  // the pairs a Japanese word was found by: where the word is not written whole (an article found by
  // its title, or by pairs scattered over its body), the snippet marks nothing rather than fragments
  // of other words.
  const wholeWords = [...new Set([...words.filter((word) => JAPANESE.test(word)), ...terms.flat().filter((term) => !JAPANESE.test(term))])];
  const snippets = await cutSnippets(db, hits, articles, wholeWords);
  const productNames = await productNamesAt(db, generation);
  return hits.flatMap((hit) => {
    const article = articles.get(hit.articleId);
    if (!article) return [];
    return [
      {
        number: article.number,
        title: article.title,
        language: article.language as 'en' | 'ja',
        visibility: article.visibility as 'public' | 'customers' | 'internal',
        state: article.state as 'draft' | 'published' | 'retired',
        titleMatch: hit.inTitle,
        snippet: snippets.get(hit.articleId)!,
        products: article.productIds.flatMap((id) => productNames.get(id) ?? []).sort(),
      },
    ];
  });
}

/** Each hit's snippet around the first of `needles`, from its opening in memory where that holds one, else from its body. */
async function cutSnippets(db: Db, hits: SearchHit[], articles: Map<number, ArticleSummary>, needles: string[]): Promise<Map<number, SnippetPart[]>> {
  const snippets = new Map<number, SnippetPart[]>();
  for (const hit of hits) {
    const opening = articles.get(hit.articleId)?.opening;
    if (!opening) continue;
    const part = opening.whole || hit.bodyMatch === false ? snippet(opening.text, needles, { more: !opening.whole }) : openingSnippet(opening.text, needles);
    if (part) snippets.set(hit.articleId, part);
  }
  // Only where every word is beyond the opening is the body read.
  const unplaced = hits.filter((hit) => articles.has(hit.articleId) && !snippets.has(hit.articleId)).map((hit) => hit.articleId);
  if (unplaced.length > 0) {
    const ids = listArguments('id', unplaced);
    // Built once for each number of bodies (a page's limit at most).
    const bodies = await runPrepared(db, `search-bodies|${unplaced.length}`, ids.args, (executor, arg) =>
      executor.selectFrom('articles').select(['id', 'body']).where('id', 'in', ids.slots(arg)),
    );
    for (const row of bodies) snippets.set(Number(row.id), bodySnippet(row.body, needles));
  }
  return snippets;
}

/** The articles of a page as the index in memory keeps them, for searches the database's indexes answer. */
async function readSummaries(db: Db, ids: number[]): Promise<Map<number, ArticleSummary>> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'number', 'title', 'language', 'visibility', 'state', sql<string>`substr(body, 1, ${sql.lit(2 * OPENING_LENGTH)})`.as('start'), sql<number>`length(body)`.as('body_length')])
    .where('id', 'in', ids)
    .execute();
  const links = await db.selectFrom('article_products').select(['article_id', 'product_id']).where('article_id', 'in', ids).execute();
  return new Map(
    rows.map((row) => {
      const { number, title, language, visibility, state } = row;
      const productIds = links.filter((link) => Number(link.article_id) === Number(row.id)).map((link) => Number(link.product_id));
      return [Number(row.id), { number, title, language, visibility, state, productIds, opening: snippetOpening(row.start, Number(row.body_length)) }];
    }),
  );
}

const spellingCache = new WeakMap<Db, { generation: number; words: Map<string, string[]> }>();
/** Query words whose spelling check is kept at most; past this the kept ones are dropped. */
const MAX_SPELLINGS = 10_000;

/**
 * spellingAlternatives, with each word's answer kept while the search generation stands: the
 * vocabulary changes only in the writes that move it. Words repeat far more than whole queries — a
 * search nobody made before is mostly known words in a new combination — and on PostgreSQL each
 * check is a round trip.
 */
async function spellingAt(db: Db, generation: number, tokens: string[]): Promise<string[][]> {
  let kept = spellingCache.get(db);
  if (kept?.generation !== generation) spellingCache.set(db, (kept = { generation, words: new Map() }));
  const answers = new Map(tokens.flatMap((token) => (kept.words.has(token) ? [[token, kept.words.get(token)!]] : [])));
  const missing = [...new Set(tokens.filter((token) => !answers.has(token)))];
  if (missing.length > 0) {
    const found = await spellingAlternatives(db, missing);
    if (kept.words.size + missing.length > MAX_SPELLINGS) kept.words.clear();
    missing.forEach((token, i) => {
      answers.set(token, found[i]!);
      kept.words.set(token, found[i]!);
    });
  }
  return tokens.map((token) => answers.get(token)!);
}

const productNameCache = new WeakMap<Db, { generation: number; names: Map<number, string> }>();

/**
 * Every product's name, read again when the search generation has moved: renaming a product moves
 * it (products.routes.ts), so results pages name products without a query of their own.
 */
async function productNamesAt(db: Db, generation: number): Promise<Map<number, string>> {
  const kept = productNameCache.get(db);
  if (kept?.generation === generation) return kept.names;
  const names = new Map((await db.selectFrom('products').select(['id', 'name']).execute()).map((row) => [Number(row.id), row.name]));
  productNameCache.set(db, { generation, names });
  return names;
}

/** The "Product" filter's choices, for anyone: active products only (retired ones are no choice), by name. */
export async function listCatalogue(db: Db, query: { q: string; limit: number }) {
  const rows = await searchProducts(db, query.q, query.limit);
  return rows.map((row) => ({ id: row.id, name: row.name }));
}
