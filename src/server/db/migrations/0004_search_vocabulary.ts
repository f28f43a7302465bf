import type { Kysely } from 'kysely';
import { addToVocabulary } from '../../knowledge/search-index.ts';
import { indexTokens, vocabularyWords } from '../../knowledge/search-text.ts';

/**
 * The English words of the search index with how many articles hold each: a query word that is
 * not among them is corrected to close words (search-index.ts). `head` and `tail`, its first and
 * last letter, find the words close to a misspelling without reading the whole vocabulary.
 */
export async function up(db: Kysely<any>): Promise<void> {
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

  // Articles indexed before this migration: counted in batches, so memory stays flat.
  let after = 0;
  for (;;) {
    const batch = await db.selectFrom('articles').select(['id', 'title', 'body']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (batch.length === 0) break;
    const counts = new Map<string, number>();
    for (const article of batch) for (const word of vocabularyWords(indexTokens(`${article.title}\n${article.body}`))) counts.set(word, (counts.get(word) ?? 0) + 1);
    await addToVocabulary(db, counts);
    after = Number(batch[batch.length - 1]!.id);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_vocabulary').execute();
}
