import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { HOUR } from '../lib/clock.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, testConfig, TestClient, upload, type TestContext } from '../test/helpers.ts';
import { copyAttachmentsToBucket } from './copy-to-bucket.ts';
import { FolderStore } from './folder-store.ts';
import { ORPHAN_GRACE_MS, removeOrphanFiles } from './orphan-files.job.ts';
import { S3Store } from './s3-store.ts';
import { removeStaleStagedAttachments, STAGED_MAX_AGE_MS } from './staged-cleanup.job.ts';

const BUCKET = 'caseway-files';

/** Attachments in a bucket, over the real S3 protocol (s3rver, in process), on each database. */
describe.each(databaseKinds)('attachments in S3-compatible storage (%s)', { timeout: 60_000 }, (kind) => {
  let s3: S3rver;
  let s3Dir: string;
  let dataDir: string;
  let env: Record<string, string>;
  let ctx: TestContext;
  let store: S3Store;
  let client: TestClient;

  const objectKeys = async () => ((await store.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  const objectBytes = async (key: string) => Buffer.from(await (await store.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());
  const storedName = async (id: number) => (await ctx.db.selectFrom('attachments').select('stored_name').where('id', '=', id).executeTakeFirstOrThrow()).stored_name;

  beforeAll(async () => {
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-s3rver-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-s3-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = (await s3.run()) as unknown as { port: number };
    // The AWS SDK's usual credential variables, as an operator sets them; s3rver's own keys.
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    env = { DATA_DIR: dataDir, ATTACHMENTS_URL: `s3://${BUCKET}/portal`, S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_FORCE_PATH_STYLE: 'true', MAX_ATTACHMENT_MB: '20' };
    ctx = await createTestApp(kind, env);
    store = ctx.app.deps.attachments as S3Store;
    const account = await seedAccount(ctx.db);
    client = await signIn(ctx, await seedPerson(ctx.db, { accountId: account.id }));
  });
  afterAll(async () => {
    await ctx.close();
    await s3.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('streams an upload into the bucket (in parts when large) and back out with the same headers, writing nothing under DATA_DIR', async () => {
    // Larger than one 8 MiB part: a multipart upload.
    const large = randomBytes(17 * 1024 * 1024);
    const staged = await upload(client, '/api/attachments', '設計書.bin', large);
    expect(staged.statusCode, staged.body).toBe(201);
    const name = await storedName(staged.json().id);
    expect(await objectKeys()).toContain(`portal/${name}`);
    expect((await objectBytes(`portal/${name}`)).equals(large)).toBe(true);

    const download = await client.get(`/api/attachments/${staged.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(large)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': String(large.length),
      'content-disposition': `attachment; filename="___.bin"; filename*=UTF-8''${encodeURIComponent('設計書.bin')}`,
      'x-content-type-options': 'nosniff',
    });
    expect(fs.existsSync(path.join(dataDir, 'attachments'))).toBe(false);
  });

  it('previews an image stored in the bucket', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const staged = await upload(client, '/api/attachments', 'screen.png', png, 'image/png');
    const preview = await client.get(`/api/attachments/${staged.json().id}/thumbnail`);
    expect(preview.statusCode).toBe(200);
    expect(await sharp(preview.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
  });

  it('refuses a file over the limit and leaves no object and no row', async () => {
    const before = await objectKeys();
    const rows = await ctx.db.selectFrom('attachments').select('id').execute();
    const refused = await upload(client, '/api/attachments', 'huge.bin', Buffer.alloc(21 * 1024 * 1024, 1));
    expect(refused.statusCode).toBe(413);
    expect(await objectKeys()).toEqual(before);
    expect(await ctx.db.selectFrom('attachments').select('id').execute()).toEqual(rows);
  });

  it('answers a row whose object is gone with a 404, not a broken stream', async () => {
    const staged = await upload(client, '/api/attachments', 'gone.txt', 'soon gone');
    await store.remove(await storedName(staged.json().id));
    expect((await client.get(`/api/attachments/${staged.json().id}`)).statusCode).toBe(404);
  });

  it('removes staged files never sent, and objects no row names after the grace period, from the bucket', async () => {
    const staged = await upload(client, '/api/attachments', 'forgotten.log', 'never sent');
    const stagedKey = `portal/${await storedName(staged.json().id)}`;
    const orphan = `portal/${crypto.randomUUID()}`;
    const notOurs = 'portal/README.txt';
    const otherPrefix = `elsewhere/${crypto.randomUUID()}`;
    for (const key of [orphan, notOurs, otherPrefix]) await store.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));

    expect(await removeStaleStagedAttachments({ db: ctx.db, store, now: Date.now() + STAGED_MAX_AGE_MS + HOUR })).toMatchObject({ removed: expect.any(Number) });
    expect(await objectKeys()).not.toContain(stagedKey);
    // Within the grace period an object may be an upload whose row is about to commit.
    expect(await removeOrphanFiles({ db: ctx.db, store, now: Date.now() })).toEqual({ removed: 0 });
    expect(await removeOrphanFiles({ db: ctx.db, store, now: Date.now() + ORPHAN_GRACE_MS + HOUR })).toEqual({ removed: 1 });
    const keys = await objectKeys();
    expect(keys).not.toContain(orphan);
    expect(keys).toEqual(expect.arrayContaining([notOurs, otherPrefix]));
  });

  it('copies a folder of attachments into a bucket, resumably: a second run copies nothing, and the portal then serves them from the bucket', async () => {
    const folderApp = await buildApp({ db: ctx.db, config: testConfig({ DATA_DIR: dataDir }), clock: ctx.clock, webRoot: null });
    const folderClient = await signIn({ ...ctx, app: folderApp }, await seedPerson(ctx.db, { accountId: (await seedAccount(ctx.db, 'Folder K.K.')).id }));
    const ids: number[] = [];
    for (const content of ['first file', 'second file']) ids.push((await upload(folderClient, '/api/attachments', 'a.txt', content)).json().id);
    await folderApp.close();

    const target = new S3Store({ kind: 's3', bucket: BUCKET, prefix: 'moved/' }, ctx.config.s3);
    const folder = new FolderStore(path.join(dataDir, 'attachments'));
    // Cut off after the first file: the first object is there already.
    await target.write(await storedName(ids[0]!), await folder.read(await storedName(ids[0]!)));
    const first = await copyAttachmentsToBucket(ctx.db, folder, target);
    expect(first.copied).toBeGreaterThanOrEqual(1);
    expect(first.alreadyThere).toBeGreaterThanOrEqual(1);
    const again = await copyAttachmentsToBucket(ctx.db, folder, target);
    expect(again.copied).toBe(0);

    const movedApp = await buildApp({ db: ctx.db, config: testConfig({ ...env, ATTACHMENTS_URL: `s3://${BUCKET}/moved` }), clock: ctx.clock, webRoot: null });
    try {
      for (const [id, content] of [[ids[0]!, 'first file'], [ids[1]!, 'second file']] as const) {
        const sameBrowser = new TestClient(movedApp);
        sameBrowser.cookies = folderClient.cookies;
        expect((await sameBrowser.get(`/api/attachments/${id}`)).body).toBe(content);
      }
    } finally {
      await movedApp.close();
    }
  });
});
