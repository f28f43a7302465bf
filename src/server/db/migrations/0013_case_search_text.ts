import type { Kysely } from 'kysely';

/**
 * My Cases' text search folds widths, case and kana as knowledge search does (ﾃｽﾄ finds テスト):
 * each case keeps its number and subject folded in `search_text`, and a search folds the typed text
 * the same (foldForMatching in knowledge/search-text.ts). Existing cases are folded here with a copy
 * of that folding as it stands, since a migration never runs live code that may change later.
 */
const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  for (let after = 0; ; ) {
    const batch = await db.selectFrom('cases').select(['id', 'number', 'subject']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (batch.length === 0) break;
    for (const row of batch) await db.updateTable('cases').set({ search_text: fold(`${row.number} ${row.subject}`) }).where('id', '=', row.id).execute();
    after = Number(batch[batch.length - 1]!.id);
  }
}
