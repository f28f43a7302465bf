import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import type { AttachmentStore } from './attachments.storage.ts';

/** How long an uploaded file waits for the case or comment it was uploaded for. */
export const STAGED_MAX_AGE_MS = DAY;

export type StagedCleanupOptions = {
  db: Db;
  store: AttachmentStore;
  now: number;
  /** Rows read per query. */
  batchSize?: number;
};

/**
 * One pass of the staged-attachment cleanup: files uploaded for a case or comment that was never
 * sent are removed after a day, file and row. Each goes in a transaction of its own that deletes
 * the row, unlinks the file, then commits: a crash between the two leaves a row whose file is gone,
 * which the next pass removes, never a file that nothing names. The DELETE is conditional, and
 * holds the row until the commit: with several processes running this pass, or a contact sending
 * the file at that moment, only one of them gets the row, so each file is unlinked once and never
 * one that a case just claimed. A file already gone is not an error.
 */
export async function removeStaleStagedAttachments(options: StagedCleanupOptions): Promise<{ removed: number }> {
  const { db, store, now } = options;
  const batchSize = options.batchSize ?? 200;
  const before = now - STAGED_MAX_AGE_MS;
  let removed = 0;
  const failures: unknown[] = [];
  for (let afterId = 0; ; ) {
    // attachments_case_idx (case_id, id) holds the staged rows together, oldest id first.
    const candidates = await db.selectFrom('attachments').select('id').where('case_id', 'is', null).where('created_at', '<', before).where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    for (const { id } of candidates) {
      try {
        if (await removeStaged(db, store, id, before)) removed++;
      } catch (error) {
        failures.push(error);
      }
    }
    if (candidates.length < batchSize) break;
    afterId = candidates[candidates.length - 1]!.id;
  }
  if (failures.length > 0) {
    // Their rows stay, so the next pass tries again; say why so an operator can help.
    throw new AggregateError(failures, `${failures.length} staged attachment file(s) could not be removed`);
  }
  return { removed };
}

async function removeStaged(db: Db, store: AttachmentStore, id: number, before: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('attachments')
      .where('id', '=', id)
      // Checked again on the row itself: a case may have claimed it since it was read.
      .where('case_id', 'is', null)
      .where('created_at', '<', before)
      .returning('stored_name')
      .executeTakeFirst();
    if (!row) return false;
    await store.remove(row.stored_name);
    return true;
  });
}
