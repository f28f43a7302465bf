import type { AttachmentsLocation, S3Settings } from '../config.ts';
import type { AttachmentStore } from './attachments.storage.ts';
import { FolderStore } from './folder-store.ts';

export async function openAttachmentStore(location: AttachmentsLocation, s3: S3Settings): Promise<AttachmentStore> {
  if (location.kind === 'folder') return new FolderStore(location.dir);
  // The AWS SDK takes most of a second to load: a portal that keeps its files in a folder never loads it.
  const { S3Store } = await import('./s3-store.ts');
  return new S3Store(location, s3);
}
