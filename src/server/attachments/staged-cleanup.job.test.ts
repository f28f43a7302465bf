import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, upload, type TestClient, type TestContext } from '../test/helpers.ts';
import { FolderStore } from './folder-store.ts';
import { removeStaleStagedAttachments } from './staged-cleanup.job.ts';

describe.each(databaseKinds)('removing staged attachments that were never sent (%s)', (kind) => {
  let ctx: TestContext;
  let dataDir: string;
  let person: Awaited<ReturnType<typeof seedPerson>>;
  let client: TestClient;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-staged-'));
    ctx = await createTestApp(kind, { DATA_DIR: dataDir });
    const account = await seedAccount(ctx.db, 'Acme Japan');
    person = await seedPerson(ctx.db, { accountId: account.id });
    client = await signIn(ctx, person);
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const stage = async (name: string) => {
    const response = await upload(client, '/api/attachments', name, `contents of ${name}`);
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().id as number;
    const row = await ctx.db.selectFrom('attachments').select('stored_name').where('id', '=', id).executeTakeFirstOrThrow();
    return { id, file: new FolderStore(path.join(dataDir, 'attachments')).path(row.stored_name) };
  };
  const rowExists = async (id: number) => (await ctx.db.selectFrom('attachments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  // A day later the session has long expired: the contact signs in again.
  const advance = async (ms: number) => {
    ctx.clock.advance(ms);
    client = await signIn(ctx, person);
  };
  const pass = () => removeStaleStagedAttachments({ db: ctx.db, store: ctx.app.deps.attachments, now: ctx.clock() });

  it('removes a file staged more than a day ago, and keeps a fresh one and one that was sent with a case', async () => {
    const forgotten = await stage('forgotten.log');
    const sent = await stage('sent.log');
    const created = await client.post('/api/cases', { type: 'portal_issue', subject: 'Logs attached', description: 'See the log.', attachmentIds: [sent.id] });
    expect(created.statusCode, created.body).toBe(201);
    await advance(24 * HOUR + 1);
    const fresh = await stage('fresh.log');

    expect(await pass()).toEqual({ removed: 1 });

    expect(await rowExists(forgotten.id)).toBe(false);
    expect(fs.existsSync(forgotten.file)).toBe(false);
    for (const kept of [sent, fresh]) {
      expect(await rowExists(kept.id)).toBe(true);
      expect(fs.existsSync(kept.file)).toBe(true);
    }
    // A removed upload can no longer be sent: the contact is told to upload it again.
    const late = await client.post('/api/cases', { type: 'portal_issue', subject: 'Late', description: 'Sent the next day.', attachmentIds: [forgotten.id] });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toMatch(/Upload it again/);
  });

  it('keeps a file staged less than a day ago, and removes it once the day has passed', async () => {
    const staged = await stage('borderline.log');
    await advance(24 * HOUR - 1);
    await pass();
    expect(await rowExists(staged.id)).toBe(true);
    expect(fs.existsSync(staged.file)).toBe(true);
    await advance(2);
    await pass();
    expect(await rowExists(staged.id)).toBe(false);
    expect(fs.existsSync(staged.file)).toBe(false);
  });

  it('removes each file once when several passes run at once, over several batches', async () => {
    const staged = [];
    for (let i = 0; i < 7; i++) staged.push(await stage(`batch-${i}.log`));
    await advance(25 * HOUR);
    const results = await Promise.all([1, 2, 3].map(() => removeStaleStagedAttachments({ db: ctx.db, store: ctx.app.deps.attachments, now: ctx.clock(), batchSize: 2 })));
    expect(results.reduce((sum, result) => sum + result.removed, 0)).toBe(7);
    for (const { id, file } of staged) {
      expect(await rowExists(id)).toBe(false);
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('keeps the row of a file it could not remove, so no file is left without its row, and removes both at a later pass', async () => {
    const staged = await stage('stuck.log');
    // Something unremovable where the file was (as root, permissions would not stop the unlink).
    fs.rmSync(staged.file);
    fs.mkdirSync(path.join(staged.file, 'inside'), { recursive: true });
    await advance(25 * HOUR);
    await expect(pass()).rejects.toThrow(/could not be removed/);
    expect(await rowExists(staged.id)).toBe(true);

    fs.rmSync(staged.file, { recursive: true });
    fs.writeFileSync(staged.file, 'contents of stuck.log');
    expect(await pass()).toEqual({ removed: 1 });
    expect(await rowExists(staged.id)).toBe(false);
    expect(fs.existsSync(staged.file)).toBe(false);
  });

  it('never removes a file a contact sends at the same moment: the contact either gets it or is told to upload it again', async () => {
    const staged = [];
    for (let i = 0; i < 6; i++) staged.push(await stage(`contested-${i}.log`));
    await advance(25 * HOUR);
    const [, ...sends] = await Promise.all([
      pass(),
      ...staged.map((one, i) => client.post('/api/cases', { type: 'portal_issue', subject: `Contested ${i}`, description: 'Sent as the cleanup runs.', attachmentIds: [one.id] })),
    ]);
    for (const [i, one] of staged.entries()) {
      const sent = sends[i]!;
      if (sent.statusCode === 201) {
        expect(await rowExists(one.id)).toBe(true);
        expect(fs.existsSync(one.file)).toBe(true);
      } else {
        expect(sent.json().message).toMatch(/Upload it again/);
        expect(await rowExists(one.id)).toBe(false);
        expect(fs.existsSync(one.file)).toBe(false);
      }
    }
  });

  it('does not fail when the file is already gone', async () => {
    const staged = await stage('vanished.log');
    fs.rmSync(staged.file);
    await advance(25 * HOUR);
    expect(await pass()).toEqual({ removed: 1 });
    expect(await rowExists(staged.id)).toBe(false);
  });
});
