import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentNotFound, meter, newStoredName, STORED_NAME, tooLarge, type AttachmentStore, type StoredFile, type StoredObject } from './attachments.storage.ts';

/** Attachment files in a folder of this host (DATA_DIR/attachments): the default, for one host. */
export class FolderStore implements AttachmentStore {
  constructor(readonly dir: string) {}

  /** Written as `<name>.partial`, synced, then renamed: a file under its final name is always whole. */
  async put(source: Readable & { truncated?: boolean }, maxBytes: number): Promise<StoredFile> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const storedName = newStoredName();
    const partial = path.join(this.dir, `${storedName}.partial`);
    const counted = meter();
    try {
      await pipeline(source, counted.stream, fs.createWriteStream(partial, { flags: 'wx' }));
      if (source.truncated || counted.size() > maxBytes) throw tooLarge(maxBytes);
      await syncPath(partial);
      await fs.promises.rename(partial, this.path(storedName));
      // The new name lives in the folder: synced too, or a power loss could undo the rename under a
      // row that names the file.
      await syncPath(this.dir);
      return { storedName, size: counted.size(), sha256: counted.sha256() };
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
  }

  async read(storedName: string): Promise<Readable> {
    try {
      const handle = await fs.promises.open(this.path(storedName), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw attachmentNotFound();
      throw error;
    }
  }

  async remove(storedName: string): Promise<void> {
    await fs.promises.rm(this.path(storedName), { force: true });
  }

  async *list(): AsyncGenerator<StoredObject> {
    let folder: fs.Dir;
    try {
      folder = await fs.promises.opendir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const entry of folder) {
      const [storedName, suffix] = entry.name.split('.', 2) as [string, string | undefined];
      if (!STORED_NAME.test(storedName) || (suffix !== undefined && suffix !== 'partial') || !entry.isFile()) continue;
      const file = path.join(this.dir, entry.name);
      const stat = await fs.promises.stat(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined; // removed since the folder was read
        throw error;
      });
      if (stat) yield { storedName, partial: suffix !== undefined, modifiedAt: stat.mtimeMs, remove: () => fs.promises.rm(file, { force: true }) };
    }
  }

  path(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error('invalid stored name');
    return path.join(this.dir, storedName);
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
