import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../lib/errors.ts';

export type StoredFile = { storedName: string; size: number; sha256: string };

function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

/**
 * Streams an upload to disk under a generated name, counting and hashing as it goes; never holds
 * the whole file in memory. The file is synced before this returns, so the row that names it can
 * commit next. A file over the limit is removed and answered with a 413.
 */
export async function storeUpload(dataDir: string, source: Readable & { truncated?: boolean }, maxBytes: number): Promise<StoredFile> {
  const dir = attachmentsDir(dataDir);
  await fs.promises.mkdir(dir, { recursive: true });
  const storedName = randomUUID();
  const partial = path.join(dir, `${storedName}.partial`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const out = fs.createWriteStream(partial, { flags: 'wx' });
  try {
    await pipeline(source, meter, out);
    if (source.truncated || size > maxBytes) throw tooLarge(maxBytes);
    await syncPath(partial);
    await fs.promises.rename(partial, path.join(dir, storedName));
    // The new name lives in the folder: synced too, or a power loss could undo the rename under a
    // row that names the file.
    await syncPath(dir);
    return { storedName, size, sha256: hash.digest('hex') };
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
}

async function syncPath(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function tooLarge(maxBytes: number) {
  const megabytes = Math.round(maxBytes / 1024 / 1024);
  return new AppError('payload_too_large', `The file is larger than ${megabytes} MB. Attach a smaller file or compress it.`, 'errors.fileTooLarge', 'file');
}

export function storedPath(dataDir: string, storedName: string): string {
  if (!/^[0-9a-f-]{36}$/.test(storedName)) throw new Error('invalid stored name');
  return path.join(attachmentsDir(dataDir), storedName);
}

/** A file in the attachments folder: a stored file, or an upload still (or never finished) being written. */
export type FileOnDisk = { path: string; storedName: string; partial: boolean; modifiedAt: number };

/**
 * The files in the attachments folder, read as the folder is walked (it may hold many). Names that
 * Caseway does not write are left out: they are not its to judge.
 */
export async function* filesOnDisk(dataDir: string): AsyncGenerator<FileOnDisk> {
  let folder: fs.Dir;
  try {
    folder = await fs.promises.opendir(attachmentsDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for await (const entry of folder) {
    const name = /^([0-9a-f-]{36})(\.partial)?$/.exec(entry.name);
    if (!name || !entry.isFile()) continue;
    const file = path.join(folder.path, entry.name);
    const stat = await fs.promises.stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined; // removed since the folder was read
      throw error;
    });
    if (stat) yield { path: file, storedName: name[1]!, partial: name[2] !== undefined, modifiedAt: stat.mtimeMs };
  }
}

/** Removes a stored file whose row could not be written, so no file outlives its row. */
export async function discardStored(dataDir: string, storedName: string): Promise<void> {
  await fs.promises.rm(storedPath(dataDir, storedName), { force: true });
}

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
