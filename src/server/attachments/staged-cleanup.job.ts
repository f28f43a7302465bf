import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import { discardStored } from './attachments.storage.ts';

/** How long an uploaded file waits for the case or comment it was uploaded for. */
export const STAGED_MAX_AGE_MS = DAY;

export type StagedCleanupOptions = {
  db: Db;
  dataDir: string;
  now: number;
  /** Rows deleted per statement, so one pass never holds many row locks at once. */
  batchSize?: number;
};

/**
 * One pass of the staged-attachment cleanup: files uploaded for a case or comment that was never
 * sent are removed after a day, row and file. The row goes first, in one conditional DELETE: with
 * several processes running this pass, or a contact sending the file at that moment, only one
 * statement gets the row, so each file is unlinked once and never one that a case just claimed.
 * A file already gone (a crash after the delete) is not an error.
 */
export async function removeStaleStagedAttachments(options: StagedCleanupOptions): Promise<{ removed: number }> {
  const { db, dataDir, now } = options;
  const batchSize = options.batchSize ?? 200;
  const before = now - STAGED_MAX_AGE_MS;
  let removed = 0;
  for (;;) {
    const claimed = await db
      .deleteFrom('attachments')
      .where('id', 'in', (eb) =>
        // attachments_case_idx (case_id, id) holds the staged rows together, oldest id first.
        eb.selectFrom('attachments').select('id').where('case_id', 'is', null).where('created_at', '<', before).orderBy('id').limit(batchSize),
      )
      // Checked again on the row itself: the subquery's pick may have been claimed by a case since.
      .where('case_id', 'is', null)
      .where('created_at', '<', before)
      .returning('stored_name')
      .execute();

    const failures: unknown[] = [];
    for (const row of claimed) {
      try {
        await discardStored(dataDir, row.stored_name);
      } catch (error) {
        failures.push(error);
      }
    }
    removed += claimed.length - failures.length;
    if (failures.length > 0) {
      // The rows are gone either way; say which files stayed on disk so an operator can remove them.
      throw new AggregateError(failures, `${failures.length} staged attachment file(s) could not be removed`);
    }
    if (claimed.length < batchSize) return { removed };
  }
}
