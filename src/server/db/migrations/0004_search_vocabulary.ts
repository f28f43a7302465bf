import { sql, type Kysely } from 'kysely';
import { databaseKind } from '../database.ts';
import { addToVocabulary } from '../../knowledge/search-index.ts';
import { indexTokens, vocabularyWords } from '../../knowledge/search-text.ts';

/**
 * The title's words get an index of their own. PostgreSQL: GIN does not store weights, so a search
 * for `word:A` in the whole document had to read every document holding the word to check its
 * weight (15,000 documents for a common word); a title tsvector with its own GIN index answers
 * exactly, filled from the weight-A entries the document already has. SQLite: a column filter
 * (`title : word`) walks every position of every match; a small FTS5 table of titles does not.
 *
 * Both: the English words of the search index with how many articles hold each: a query word that is
 * not among them is corrected to close words (search-index.ts). `head` and `tail`, its first and
 * last letter, find the words close to a misspelling without reading the whole vocabulary.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (databaseKind(db) === 'postgres') {
    await sql`alter table article_search add column title tsvector not null default ''`.execute(db);
    await sql`update article_search set title = ts_filter(document, '{a}')`.execute(db);
    await sql`create index article_search_title_idx on article_search using gin (title)`.execute(db);
  } else {
    await sql`create virtual table article_title_search using fts5(title, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1)`.execute(db);
    for (let after = 0; ; ) {
      const batch = await db.selectFrom('articles').select(['id', 'title']).where('id', '>', after).orderBy('id').limit(1000).execute();
      if (batch.length === 0) break;
      for (const article of batch) await sql`insert into article_title_search (rowid, title) values (${article.id}, ${indexTokens(article.title).join(' ')})`.execute(db);
      after = Number(batch[batch.length - 1]!.id);
    }
  }
  await db.schema
    .createTable('search_vocabulary')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('head', 'text', (c) => c.notNull())
    .addColumn('tail', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('articles', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_vocabulary_head_idx').on('search_vocabulary').columns(['head', 'length']).execute();
  await db.schema.createIndex('search_vocabulary_tail_idx').on('search_vocabulary').columns(['tail', 'length']).execute();

  // Articles indexed before this migration, those customers can read: counted in batches, so memory stays flat.
  let after = 0;
  for (;;) {
    const batch = await db.selectFrom('articles').select(['id', 'title', 'body']).where('id', '>', after).where('state', '=', 'published').where('visibility', '!=', 'internal').orderBy('id').limit(1000).execute();
    if (batch.length === 0) break;
    const counts = new Map<string, number>();
    for (const article of batch) for (const word of vocabularyWords(indexTokens(`${article.title}\n${article.body}`))) counts.set(word, (counts.get(word) ?? 0) + 1);
    await addToVocabulary(db, counts);
    after = Number(batch[batch.length - 1]!.id);
  }
}
