import type { Kysely } from 'kysely';

/**
 * Each article carries the search generation of the last write that changed what a search could
 * find of it (text, state, visibility, language, products). A process holding the search index in
 * memory reads only the articles written since the generation it holds (memory-index.ts), through
 * this index, instead of all of them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('search_generation', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_search_generation_idx').on('articles').columns(['search_generation', 'id']).execute();
}
