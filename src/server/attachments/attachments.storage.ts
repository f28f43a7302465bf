import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../lib/errors.ts';

export type StoredFile = { storedName: string; size: number; sha256: string };

/** A file in storage, or an upload never finished, as the orphan sweep walks them. */
export type StoredObject = { storedName: string; partial: boolean; modifiedAt: number; remove: () => Promise<void> };

/**
 * Where attachment files live: a folder under DATA_DIR (one host) or an S3-compatible bucket
 * (several hosts). Files are written once under a generated name and never changed.
 */
export interface AttachmentStore {
  /**
   * Streams an upload into storage, counting and hashing as it goes, never holding the whole file
   * in memory. The file is durable when this returns, so the row that names it can commit next. A
   * file over `maxBytes` is removed and answered with a 413.
   */
  put(source: Readable & { truncated?: boolean }, maxBytes: number): Promise<StoredFile>;
  /** The file's bytes; a 404 when it is missing. */
  read(storedName: string): Promise<Readable>;
  /** Removes a file; one already gone is no error. */
  remove(storedName: string): Promise<void>;
  /** Every file and unfinished upload, read as storage is walked (it may hold many). */
  list(): AsyncGenerator<StoredObject>;
}

/** Every name Caseway gives a stored file: anything else in storage is not its to judge. */
export const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newStoredName(): string {
  return randomUUID();
}

/** Counts and hashes the bytes that pass through it. */
export function meter() {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, size: () => size, sha256: () => hash.digest('hex') };
}

export function tooLarge(maxBytes: number) {
  const megabytes = Math.round(maxBytes / 1024 / 1024);
  return new AppError('payload_too_large', `The file is larger than ${megabytes} MB. Attach a smaller file or compress it.`, 'errors.fileTooLarge', 'file');
}

/** Also the answer for a row whose file is missing from storage: to the reader, the same thing. */
export const attachmentNotFound = () => new AppError('not_found', 'This attachment was not found.', 'errors.attachmentNotFound');

/**
 * The name a person gave the file, kept for display and download. A name carrying a path is
 * refused: the stored name is generated anyway, but such a name is a mistake or an attack.
 */
export function checkOriginalName(name: string | undefined): string {
  const trimmed = (name ?? '').normalize('NFC').trim();
  if (!trimmed) throw new AppError('bad_request', 'The file has no name. Choose a file to attach.', 'errors.fileNoName', 'file');
  if (/[\\/]/.test(trimmed) || trimmed === '.' || trimmed === '..') {
    throw new AppError('bad_request', 'The file name must not contain a path (/ or \\). Rename the file and try again.', 'errors.filePath', 'file');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new AppError('bad_request', 'The file name contains control characters. Rename the file and try again.', 'errors.fileName', 'file');
  if ([...trimmed].length > 255) throw new AppError('bad_request', 'The file name has more than 255 characters. Rename the file and try again.', 'errors.fileName', 'file');
  return trimmed;
}
