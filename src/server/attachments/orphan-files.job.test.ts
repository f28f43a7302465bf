import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNow, openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DAY, HOUR } from '../lib/clock.ts';
import { createTestApp, createTestDatabase, databaseKinds, latestPasscode, seedAccount, seedPerson, signIn, upload, type TestContext } from '../test/helpers.ts';
import { FolderStore } from './folder-store.ts';
import { ORPHAN_GRACE_MS, removeOrphanFiles } from './orphan-files.job.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds)('removing files that no attachment names (%s)', (kind) => {
  let ctx: TestContext;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-orphans-'));
    ctx = await createTestApp(kind, { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A file in the attachments folder, last written `age` ago. */
  const fileAged = (name: string, age: number) => {
    const file = path.join(dataDir, 'attachments', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `contents of ${name}`);
    const at = (Date.now() - age) / 1000;
    fs.utimesSync(file, at, at);
    return file;
  };

  it('removes an old partial upload and an old file with no row; keeps fresh files, files with a row, and names it does not write', async () => {
    const account = await seedAccount(ctx.db);
    const person = await seedPerson(ctx.db, { accountId: account.id });
    const staged = await upload(await signIn(ctx, person), '/api/attachments', 'kept.log', 'a file with its row');
    expect(staged.statusCode, staged.body).toBe(201);
    const { stored_name } = await ctx.db.selectFrom('attachments').select('stored_name').where('id', '=', staged.json().id).executeTakeFirstOrThrow();
    const withRow = fileAged(stored_name, 2 * DAY);

    const oldPartial = fileAged(`${randomUUID()}.partial`, ORPHAN_GRACE_MS + HOUR);
    const oldWithoutRow = fileAged(randomUUID(), ORPHAN_GRACE_MS + HOUR);
    const freshPartial = fileAged(`${randomUUID()}.partial`, ORPHAN_GRACE_MS - HOUR);
    const freshWithoutRow = fileAged(randomUUID(), ORPHAN_GRACE_MS - HOUR);
    const notOurs = fileAged('README.txt', 30 * DAY);

    expect(await removeOrphanFiles({ db: ctx.db, store: ctx.app.deps.attachments, now: Date.now() })).toEqual({ removed: 2 });
    for (const gone of [oldPartial, oldWithoutRow]) expect(fs.existsSync(gone), gone).toBe(false);
    for (const kept of [withRow, freshPartial, freshWithoutRow, notOurs]) expect(fs.existsSync(kept), kept).toBe(true);
    expect(withRow).toBe(new FolderStore(path.join(dataDir, 'attachments')).path(stored_name));
  });

  it('has nothing to do before anything was uploaded', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-orphans-'));
    expect(await removeOrphanFiles({ db: ctx.db, store: new FolderStore(path.join(empty, 'attachments')), now: Date.now() })).toEqual({ removed: 0 });
    fs.rmSync(empty, { recursive: true });
  });
});

const bin = path.resolve(import.meta.dirname, '../../../bin/caseway.js');

// A real server process, killed with SIGKILL in the middle of a streamed upload.
describe.each(databaseKinds)('a server killed during an upload (%s)', { timeout: 120_000 }, (kind) => {
  it('leaves a partial file that the sweep keeps while fresh and removes after the grace period', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-killed-'));
    let db: Db;
    let databaseUrl = '';
    let cleanup: () => Promise<void>;
    if (kind === 'postgres') {
      const database = await createTestDatabase('postgres');
      ({ db, cleanup } = database);
      databaseUrl = database.url!;
    } else {
      db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
      await migrateToLatest(db);
      cleanup = () => db.destroy();
    }
    const account = await seedAccount(db);
    const person = await seedPerson(db, { accountId: account.id });
    const env = { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SMTP_URL: '', RATE_LIMITS: 'false', LOG_LEVEL: 'info' };
    const server = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let output = '';
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /listening on (http:\/\/[^)\s"]+)/.exec(output);
          if (listening) resolve(listening[1]!);
        };
        server.stdout.on('data', read);
        server.stderr.on('data', read);
        server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
      });

      // Signed in as a browser would be: CSRF cookie, password, e-mailed code.
      const cookies = new Map<string, string>();
      const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const call = async (method: string, url: string, body?: object) => {
        const headers: Record<string, string> = { cookie: cookieHeader() };
        if (method !== 'GET') Object.assign(headers, { 'x-csrf-token': cookies.get('caseway_csrf') ?? '', 'content-type': 'application/json' });
        const response = await fetch(base + url, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
        for (const cookie of response.headers.getSetCookie()) {
          const [pair] = cookie.split(';');
          cookies.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
        }
        return response;
      };
      await call('GET', '/api/session');
      expect((await call('POST', '/api/auth/login', { email: person.email, password: person.password })).status).toBe(200);
      expect((await call('POST', '/api/auth/otp', { code: await latestPasscode(db, person.email) })).status).toBe(200);

      const boundary = 'caseway-killed-upload';
      const request = http.request(`${base}/api/attachments`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(), 'x-csrf-token': cookies.get('caseway_csrf') ?? '' },
      });
      request.on('error', () => {}); // the server dies under it
      request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.log"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      request.write(Buffer.alloc(256 * 1024, 'x'));

      const folder = path.join(dataDir, 'attachments');
      let partial: string | undefined;
      for (const started = Date.now(); !partial; await sleep(20)) {
        if (Date.now() - started > 30_000) throw new Error('the upload never reached the disk');
        const name = fs.existsSync(folder) ? fs.readdirSync(folder).find((n) => n.endsWith('.partial')) : undefined;
        if (name && fs.statSync(path.join(folder, name)).size > 0) partial = path.join(folder, name);
      }
      server.kill('SIGKILL');
      await once(server, 'exit');
      request.destroy();

      expect(fs.existsSync(partial)).toBe(true);
      expect(await db.selectFrom('attachments').select('id').execute()).toEqual([]);
      expect(await removeOrphanFiles({ db, store: new FolderStore(path.join(dataDir, 'attachments')), now: await databaseNow(db) })).toEqual({ removed: 0 });
      expect(fs.existsSync(partial)).toBe(true);
      expect(await removeOrphanFiles({ db, store: new FolderStore(path.join(dataDir, 'attachments')), now: (await databaseNow(db)) + ORPHAN_GRACE_MS })).toEqual({ removed: 1 });
      expect(fs.existsSync(partial)).toBe(false);
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      await cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
