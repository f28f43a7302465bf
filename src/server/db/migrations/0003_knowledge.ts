import { sql, type Kysely } from 'kysely';
import { addIdColumn, bigIntType, databaseKind } from '../database.ts';

/** Knowledge articles, their products, revisions and votes, and the search index. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = addIdColumn(db);
  const big = bigIntType(db);

  await db.schema
    .createTable('articles')
    .addColumn('id', id.type, id.build)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('author_id', big, (c) => c.references('people.id'))
    .addColumn('views', big, (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_state_updated_idx').on('articles').columns(['state', 'updated_at', 'id']).execute();

  await db.schema
    .createTable('article_products')
    .addColumn('article_id', big, (c) => c.notNull().references('articles.id'))
    .addColumn('product_id', big, (c) => c.notNull().references('products.id'))
    .addPrimaryKeyConstraint('article_products_pk', ['article_id', 'product_id'])
    .execute();
  await db.schema.createIndex('article_products_product_idx').on('article_products').columns(['product_id', 'article_id']).execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', id.type, id.build)
    .addColumn('article_id', big, (c) => c.notNull().references('articles.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('editor_id', big, (c) => c.references('people.id'))
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_revisions_article_idx').on('article_revisions').columns(['article_id', 'id']).execute();

  await db.schema
    .createTable('article_votes')
    .addColumn('article_id', big, (c) => c.notNull().references('articles.id'))
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('article_votes_pk', ['article_id', 'person_id'])
    .execute();

  // The search index holds tokens made in JS (search-text.ts), identical for both databases; only
  // the index structure differs: an FTS5 table in SQLite, a weighted tsvector with GIN in PostgreSQL.
  if (databaseKind(db) === 'postgres') {
    await sql`create table article_search (article_id bigint primary key references articles(id), document tsvector not null)`.execute(db);
    await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
  } else {
    await sql`create virtual table article_search using fts5(title, body, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1)`.execute(db);
  }
}
