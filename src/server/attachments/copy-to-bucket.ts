import type { Db } from '../db/database.ts';
import type { FolderStore } from './folder-store.ts';
import type { S3Store } from './s3-store.ts';

export type CopyReport = { copied: number; alreadyThere: number; missing: string[] };

/**
 * `caseway attachments migrate --to s3://…`: copies the file of every attachment row from the
 * folder to the bucket under the same name, checking each copy's SHA-256 against its row. An object
 * already there with the row's size is skipped, so a copy cut off half-way resumes where it stopped
 * and a second run copies nothing. The folder is left as it was: it is the way back until the
 * portal runs on the bucket.
 */
export async function copyAttachmentsToBucket(db: Db, from: FolderStore, to: S3Store, progress: (report: CopyReport) => void = () => {}): Promise<CopyReport> {
  const report: CopyReport = { copied: 0, alreadyThere: 0, missing: [] };
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('attachments').select(['id', 'stored_name', 'size', 'sha256']).where('id', '>', after).orderBy('id').limit(200).execute();
    for (const row of rows) {
      if ((await to.sizeOf(row.stored_name)) === row.size) {
        report.alreadyThere++;
        continue;
      }
      let source;
      try {
        source = await from.read(row.stored_name);
      } catch {
        report.missing.push(row.stored_name);
        continue;
      }
      const copy = await to.write(row.stored_name, source);
      if (copy.sha256 !== row.sha256) {
        await to.remove(row.stored_name);
        throw new Error(`The file ${row.stored_name} (attachment ${row.id}) does not match the SHA-256 its row records; it was not copied. Nothing after it was copied either.`);
      }
      report.copied++;
    }
    progress(report);
    if (rows.length < 200) return report;
    after = rows[rows.length - 1]!.id;
  }
}
