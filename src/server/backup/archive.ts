import SQLite from 'better-sqlite3';

/** What `caseway backup` writes first in the archive, so a restore can check what it got. */
export type Manifest = {
  format: 1;
  casewayVersion: string;
  /** Migrations applied in the copied database: `caseway start` on a restore applies the newer ones. */
  schema: string[];
  createdAt: string;
  counts: Counts;
  /** Stored names of the attachment files in the archive, under `attachments/`. */
  files: string[];
  /** Files a row named that were not in the folder when the backup ran. */
  missing: string[];
  /** Set when attachments live in a bucket, which this archive does not hold. */
  bucket?: string;
};

export type Counts = { cases: number; activities: number; attachments: number; mails: number };

export const MANIFEST = 'manifest.json';
export const DATABASE = 'caseway.sqlite';
export const ATTACHMENTS = 'attachments/';

export type AttachmentRow = { stored_name: string; size: number; sha256: string };

/**
 * Reads, from a copy of the database no one else has open, what the manifest records and the files
 * it names. The copy leaves WAL mode (the portal turns it back on when it opens it), so it stays one
 * file with no -wal or -shm beside it.
 */
export function describeCopy(file: string): { schema: string[]; counts: Counts; attachments: AttachmentRow[] } {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return {
      schema: (copy.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((row) => row.name),
      counts: { cases: count('cases'), activities: count('case_activities'), attachments: count('attachments'), mails: count('mail_outbox') },
      attachments: copy.prepare('select stored_name, size, sha256 from attachments order by stored_name').all() as AttachmentRow[],
    };
  } finally {
    copy.close();
  }
}

export const describeCounts = (counts: Counts, files: number) =>
  `${counts.cases} case(s), ${counts.activities} case activities, ${counts.attachments} attachment row(s) with ${files} file(s), ${counts.mails} mail(s)`;
