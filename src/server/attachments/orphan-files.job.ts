import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import type { AttachmentStore, StoredObject } from './attachments.storage.ts';

/**
 * How long a file in storage may stay unchanged with no row naming it before it is
 * removed. An upload being written keeps changing, and a stored file gets its row right after its
 * rename; a day leaves room for a stalled upload and for clocks that disagree.
 */
export const ORPHAN_GRACE_MS = DAY;

export type OrphanSweepOptions = { db: Db; store: AttachmentStore; now: number };

/**
 * One pass of the orphan sweep: removes the files that no attachment row names once they are older
 * than ORPHAN_GRACE_MS: uploads cut off by a killed process (`<uuid>.partial`) and stored files
 * whose row never committed. Safe in several processes at once: removing a file twice is no error.
 */
export async function removeOrphanFiles({ db, store, now }: OrphanSweepOptions): Promise<{ removed: number }> {
  let removed = 0;
  let batch: StoredObject[] = [];
  const sweep = async () => {
    const stored = batch.filter((file) => !file.partial).map((file) => file.storedName);
    const named = new Set(stored.length === 0 ? [] : (await db.selectFrom('attachments').select('stored_name').where('stored_name', 'in', stored).execute()).map((row) => row.stored_name));
    for (const file of batch) {
      if (file.partial || !named.has(file.storedName)) {
        await file.remove();
        removed++;
      }
    }
    batch = [];
  };
  for await (const file of store.list()) {
    if (now - file.modifiedAt < ORPHAN_GRACE_MS) continue;
    batch.push(file);
    if (batch.length === 500) await sweep();
  }
  await sweep();
  return { removed };
}
