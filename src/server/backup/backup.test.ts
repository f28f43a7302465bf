import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestDatabase, latestPasscode, seedAccount, seedPerson } from '../test/helpers.ts';
import { HttpSession, spawnPortal, type SpawnedPortal } from '../test/spawned-portal.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../bin/caseway.js');

async function caseway(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', ATTACHMENTS_URL: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function entriesOf(archive: string): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  const reading = (async () => {
    for await (const entry of extract) {
      names.push(entry.header.name);
      entry.resume();
    }
  })();
  await Promise.all([pipeline(fs.createReadStream(archive), createGunzip(), extract), reading]);
  return names;
}

/** Password, then the code the portal left in mail_outbox (no SMTP_URL). */
async function signIn(base: string, db: Db, person: { email: string; password: string }) {
  const session = new HttpSession(base);
  expect((await session.call('POST', '/api/auth/login', { email: person.email, password: person.password })).status).toBe(200);
  expect(await (await session.call('POST', '/api/auth/otp', { code: await latestPasscode(db, person.email) })).json()).toMatchObject({ stage: 'active' });
  return session;
}

type Acknowledged = { cases: number[]; comments: string[]; files: Map<number, Buffer> };

describe('caseway backup and restore', { timeout: 120_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-backup-'));
  const dataDir = path.join(root, 'live');
  const archive = path.join(root, 'caseway.tar.gz');
  let db: Db;
  let portal: SpawnedPortal;
  let contact: { email: string; password: string };
  const portalEnv = { NODE_ENV: 'test', RATE_LIMITS: 'false', LOG_LEVEL: 'warn' };

  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
    await migrateToLatest(db);
    contact = await seedPerson(db, { accountId: (await seedAccount(db)).id });
    portal = await spawnPortal({ ...portalEnv, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await portal?.kill();
    await db?.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('backs up under write load what was acknowledged before it started, and a portal on the restore serves it', async () => {
    const session = await signIn(portal.base, db, contact);
    // An upload in progress: never part of a backup.
    fs.mkdirSync(path.join(dataDir, 'attachments'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'attachments', `${crypto.randomUUID()}.partial`), 'half an upload');
    const acknowledged: Acknowledged = { cases: [], comments: [], files: new Map() };
    let writing = true;
    const load = (async () => {
      for (let i = 0; writing; i++) {
        const content = randomBytes(20_000 + i * 100);
        const staged = await session.upload('/api/attachments', `trace-${i}.bin`, content);
        expect(staged.status).toBe(201);
        const { id } = await staged.json();
        const opened = await session.call('POST', '/api/cases', { type: 'portal_issue', subject: `Under load ${i}`, description: 'Backed up while written.', attachmentIds: [id] });
        expect(opened.status).toBe(201);
        const { number } = await opened.json();
        acknowledged.cases.push(number);
        acknowledged.files.set(id, content);
        const comment = `comment ${i}`;
        expect((await session.call('POST', `/api/cases/${number}/comments`, { body: comment })).status).toBe(200);
        acknowledged.comments.push(comment);
      }
    })();
    await expect.poll(() => acknowledged.cases.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);

    const before: Acknowledged = { cases: [...acknowledged.cases], comments: [...acknowledged.comments], files: new Map(acknowledged.files) };
    const mailsBefore = (await db.selectFrom('mail_outbox').select('id').execute()).map((row) => row.id);
    const backup = await caseway({ DATA_DIR: dataDir }, 'backup', archive);
    const casesDuringBackup = acknowledged.cases.length - before.cases.length;
    writing = false;
    await load;
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote .*caseway\.tar\.gz: the database \(\d+ migrations\) with \d+ case\(s\)/) });
    expect(casesDuringBackup, 'the portal kept taking writes while the backup ran').toBeGreaterThan(0);
    expect(fs.readdirSync(root).filter((name) => name.includes('.partial'))).toEqual([]);

    const restored = path.join(root, 'restored');
    const restore = await caseway({ DATA_DIR: restored }, 'restore', archive);
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Restored .* into .*restored: \d+ case\(s\)/) });

    const copy = new SQLite(path.join(restored, 'caseway.sqlite'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const column = (query: string) => copy.prepare(query).pluck().all();
      expect(column('select number from cases')).toEqual(expect.arrayContaining(before.cases));
      expect(column("select body from case_activities where kind = 'comment'")).toEqual(expect.arrayContaining(before.comments));
      expect(column('select id from attachments')).toEqual(expect.arrayContaining([...before.files.keys()]));
      expect(column('select id from mail_outbox')).toEqual(expect.arrayContaining(mailsBefore));
    } finally {
      copy.close();
    }
    for (const [id] of before.files) expect(fs.existsSync(path.join(restored, 'attachments', String((await db.selectFrom('attachments').select('stored_name').where('id', '=', id).executeTakeFirstOrThrow()).stored_name)))).toBe(true);

    const restoredDb = openDatabase({ kind: 'sqlite', file: path.join(restored, 'caseway.sqlite') });
    const second = await spawnPortal({ ...portalEnv, DATA_DIR: restored });
    try {
      const onRestored = await signIn(second.base, restoredDb, contact);
      const number = before.cases[0]!;
      const view = await onRestored.call('GET', `/api/cases/${number}`);
      expect(view.status).toBe(200);
      const [id, content] = [...before.files][0]!;
      const download = await onRestored.call('GET', `/api/attachments/${id}`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    } finally {
      await second.kill();
      await restoredDb.destroy();
    }
  });

  it('never puts an upload in progress (.partial) in the archive', async () => {
    const names = await entriesOf(archive);
    expect(names.slice(0, 2)).toEqual(['manifest.json', 'caseway.sqlite']);
    expect(names.length).toBeGreaterThan(2);
    expect(names.filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('refuses to restore into a DATA_DIR that holds a database or attachments, changing nothing', async () => {
    const live = await caseway({ DATA_DIR: dataDir }, 'restore', archive);
    expect(live).toMatchObject({ code: 2, stderr: expect.stringContaining('already holds a Caseway database or attachments') });

    const withFiles = path.join(root, 'with-files');
    fs.mkdirSync(path.join(withFiles, 'attachments'), { recursive: true });
    fs.writeFileSync(path.join(withFiles, 'attachments', 'kept'), 'kept');
    expect((await caseway({ DATA_DIR: withFiles }, 'restore', archive)).code).toBe(2);
    expect(fs.readdirSync(withFiles)).toEqual(['attachments']);
    expect(fs.readdirSync(path.join(withFiles, 'attachments'))).toEqual(['kept']);
  });

  it('says an archive made with attachments in a bucket holds no files', async () => {
    const inBucket = path.join(root, 'bucket.tar.gz');
    const answer = await caseway({ DATA_DIR: dataDir, ATTACHMENTS_URL: 's3://caseway-files/prod' }, 'backup', inBucket);
    expect(answer).toMatchObject({ code: 0, stdout: expect.stringContaining("which this archive does not hold: back the bucket up with the storage's own tools") });
    expect(await entriesOf(inBucket)).toEqual(['manifest.json', 'caseway.sqlite']);
  });

  it('refuses an archive whose attachment file does not match its row', async () => {
    const tampered = path.join(root, 'tampered.tar.gz');
    const extract = tar.extract();
    const pack = tar.pack();
    const writing = pipeline(pack, createGzip(), fs.createWriteStream(tampered));
    let changed = false;
    const copying = (async () => {
      for await (const entry of extract) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        if (!changed && entry.header.name.startsWith('attachments/')) {
          bytes[0] = bytes[0]! ^ 0xff;
          changed = true;
        }
        pack.entry({ name: entry.header.name }, bytes);
      }
      pack.finalize();
    })();
    await Promise.all([pipeline(fs.createReadStream(archive), createGunzip(), extract), copying, writing]);
    const target = path.join(root, 'from-tampered');
    const answer = await caseway({ DATA_DIR: target }, 'restore', tampered);
    expect(answer).toMatchObject({ code: 2, stderr: expect.stringMatching(/attachment file [0-9a-f-]{36} does not match its row/) });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a damaged archive, leaving no DATA_DIR and no staging folder behind', async () => {
    const damaged = path.join(root, 'damaged.tar.gz');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = path.join(root, 'from-damaged');
    const before = fs.readdirSync(root);
    const answer = await caseway({ DATA_DIR: target }, 'restore', damaged);
    expect(answer).toMatchObject({ code: 2, stderr: expect.stringContaining('The archive is damaged') });
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(root)).toEqual(before);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('caseway backup on PostgreSQL', { timeout: 60_000 }, () => {
  it('makes no archive and says how to back up with pg_dump', async () => {
    const database = await createTestDatabase('postgres');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-pg-backup-'));
    try {
      const answer = await caseway({ DATA_DIR: dir, DATABASE_URL: database.url! }, 'backup', path.join(dir, 'caseway.tar.gz'));
      expect(answer.code).toBe(2);
      expect(answer.stderr).toContain('pg_dump --format=custom --file=caseway.dump "$DATABASE_URL"');
      expect(answer.stderr).toMatch(/The server is PostgreSQL \d+/);
      expect(answer.stderr).toMatch(/pg_dump \(PostgreSQL\) \d+.* can dump this server|is older than the server|No pg_dump is on PATH/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await database.cleanup();
    }
  });
});
