import type { AttachmentsLocation, S3Settings } from '../config.ts';
import type { AttachmentStore } from './attachments.storage.ts';
import { FolderStore } from './folder-store.ts';
import { S3Store } from './s3-store.ts';

export function openAttachmentStore(location: AttachmentsLocation, s3: S3Settings): AttachmentStore {
  return location.kind === 'folder' ? new FolderStore(location.dir) : new S3Store(location, s3);
}
