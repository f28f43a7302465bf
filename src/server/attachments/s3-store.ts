import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Bucket, S3Settings } from '../config.ts';
import { attachmentNotFound, meter, newStoredName, STORED_NAME, tooLarge, type AttachmentStore, type StoredFile, type StoredObject } from './attachments.storage.ts';

/** Parts of a large upload: S3's minimum is 5 MiB; two in flight bound an upload's memory to ~16 MiB. */
const PART_SIZE = 8 * 1024 * 1024;

/**
 * Attachment files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2), shared by every
 * host. Credentials come from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, a profile, an instance role). An upload a killed process left unfinished
 * is not listed by S3 as an object; the bucket's lifecycle rule "abort incomplete multipart uploads"
 * removes its parts (README, Deploying).
 */
export class S3Store implements AttachmentStore {
  readonly client: S3Client;

  constructor(
    readonly location: S3Bucket,
    settings: S3Settings,
  ) {
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      // The SDK's default CRC32 checksums on every request are refused by several S3-compatible
      // services; S3 checks each part's integrity over TLS anyway, and the row keeps a SHA-256.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** The object exists (PutObject or CompleteMultipartUpload answered) when this returns. */
  async put(source: Readable & { truncated?: boolean }, maxBytes: number): Promise<StoredFile> {
    const stored = await this.write(newStoredName(), source);
    if (source.truncated || stored.size > maxBytes) {
      await this.remove(stored.storedName);
      throw tooLarge(maxBytes);
    }
    return stored;
  }

  /** Streams `source` to the object `storedName`, counting and hashing it. */
  async write(storedName: string, source: Readable): Promise<StoredFile> {
    const counted = meter();
    // A client that goes away mid-upload ends the body with its error, which aborts the upload.
    source.once('error', (error) => counted.stream.destroy(error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.key(storedName), Body: source.pipe(counted.stream), ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
    return { storedName, size: counted.size(), sha256: counted.sha256() };
  }

  /** The object's size in bytes, or undefined when there is none. */
  async sizeOf(storedName: string): Promise<number | undefined> {
    try {
      return (await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(storedName) }))).ContentLength;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async read(storedName: string): Promise<Readable> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(storedName) }));
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey) throw attachmentNotFound();
      throw error;
    }
  }

  async remove(storedName: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(storedName) }));
  }

  async *list(): AsyncGenerator<StoredObject> {
    const { bucket, prefix } = this.location;
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        const storedName = object.Key!.slice(prefix.length);
        if (!STORED_NAME.test(storedName)) continue;
        yield { storedName, partial: false, modifiedAt: object.LastModified?.getTime() ?? 0, remove: () => this.remove(storedName) };
      }
    }
  }

  key(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error('invalid stored name');
    return this.location.prefix + storedName;
  }
}
