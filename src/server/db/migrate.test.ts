import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely, Migration } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { hashPassword } from '../lib/passwords.ts';
import { casewayInProcess, casewayProcess } from '../test/cli.ts';
import { createTestDatabase, databaseKinds, signIn, STRONG_PASSWORD, testClock, testConfig, type TestDatabase } from '../test/helpers.ts';
import { openDatabase } from './database.ts';
import { allMigrations, migrateToLatest, NewerDatabaseError } from './migrate.ts';

const names = Object.keys(allMigrations);
const firstOf = (count: number) => Object.fromEntries(Object.entries(allMigrations).slice(0, count));

async function caseway(env: Record<string, string>, ...args: string[]) {
  const { code, stdout, stderr } = await casewayProcess({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env }, ...args);
  return { code, stdout: code === 0 ? stdout : stdout + stderr };
}

const appliedNames = async (db: Kysely<any>) => (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((row) => row.name as string);

describe.each(databaseKinds)('upgrading the database (%s)', { timeout: 120_000 }, (kind) => {
  const databases: TestDatabase[] = [];
  const fresh = async (options = { migrated: false }) => {
    const database = await createTestDatabase(kind, options);
    databases.push(database);
    return database;
  };
  afterAll(async () => {
    for (const database of databases) await database.cleanup();
  });

  it('brings a database of the first release, with its data, to the latest schema, and the portal serves that data', async () => {
    const { db } = await fresh();
    const old = db as unknown as Kysely<any>;
    // The first release's schema: identity, cases and knowledge.
    expect(await migrateToLatest(db, firstOf(3))).toEqual(['0001_identity', '0002_cases', '0003_knowledge']);
    const now = Date.UTC(2025, 3, 1);
    const account = await old.insertInto('accounts').values({ name: 'Old Customer K.K.', customer_identifier: 'OLDCU00001', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const person = await old
      .insertInto('people')
      .values({
        kind: 'contact', account_id: account.id, email: 'old@customer.example', first_name: '太郎', last_name: '山田', password_hash: await hashPassword(STRONG_PASSWORD),
        time_zone: 'Asia/Tokyo', country_code: 'JP', phone: '03-1234-5678', mobile: '', preferred_contact: 'portal', language: 'ja', otp_method: 'email',
        terms_version_accepted: '1', terms_accepted_at: now, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const product = await old.insertInto('products').values({ name: 'Sentinel LDK', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const created = await old
      .insertInto('cases')
      .values({ number: 'CS0000001', account_id: account.id, contact_id: person.id, product_id: product.id, type: 'product_issue', priority: 3, subject: '古いケース', description: '移行前に開いた', state: 'new', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await old.insertInto('case_activities').values({ case_id: created.id, kind: 'comment', author_id: person.id, body: '移行前のコメント', created_at: now + 1 }).execute();
    await old.insertInto('articles').values({ number: 'KB0000001', title: '古い記事', body: '移行前に公開した記事', language: 'ja', visibility: 'customers', state: 'published', published_at: now, created_at: now, updated_at: now }).execute();

    expect(await migrateToLatest(db)).toEqual(names.slice(3));

    const app = await buildApp({ db, config: testConfig(), clock: testClock(), webRoot: null });
    try {
      const client = await signIn({ db, kind, app, clock: testClock(), config: testConfig(), cleanup: async () => {}, close: async () => {} }, { email: 'old@customer.example', password: STRONG_PASSWORD });
      expect((await client.get('/api/cases')).json().items).toEqual([expect.objectContaining({ number: 'CS0000001', subject: '古いケース' })]);
      expect((await client.get('/api/cases/CS0000001/activity')).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ body: '移行前のコメント' })]));
      expect((await client.get('/api/kb/articles/KB0000001')).json()).toMatchObject({ title: '古い記事' });
    } finally {
      await app.close();
    }
  });

  it('runs each migration in a transaction of its own: one that fails leaves nothing of itself and keeps the ones before', async () => {
    const { db } = await fresh();
    const broken: Migration = {
      up: async (trx) => {
        await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('the second migration failed half-way');
      },
    };
    await expect(migrateToLatest(db, { ...firstOf(1), '0002_broken': broken })).rejects.toThrow('failed half-way');
    expect(await appliedNames(db)).toEqual(['0001_identity']);
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain('half_done');
  });

  it('refuses to run an older version on a database that a newer version migrated, and changes nothing', async () => {
    const { db } = await fresh({ migrated: true });
    const older = firstOf(names.length - 1);
    await expect(migrateToLatest(db, older)).rejects.toThrow(NewerDatabaseError);
    await expect(migrateToLatest(db, older)).rejects.toThrow(`upgraded by a newer version of Caseway (it has run ${names.at(-1)}`);
    expect(await appliedNames(db)).toEqual(names);
  });

  it('lists what it would run with --dry-run, and two processes starting at once run each migration once', async () => {
    let env: Record<string, string>;
    let open: () => Kysely<any>;
    if (kind === 'postgres') {
      const { url } = await fresh();
      env = { DATABASE_URL: url! };
      open = () => openDatabase({ kind, url: url! });
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-migrate-'));
      databases.push({ db: undefined as never, kind, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) });
      env = { DATA_DIR: dataDir };
      open = () => openDatabase({ kind, file: path.join(dataDir, 'caseway.sqlite') });
    }
    expect(await casewayInProcess({ ...process.env, DATABASE_URL: '', ...env }, 'migrate', '--dry-run')).toEqual({ code: 0, stderr: '', stdout: `Would apply ${names.length} migration(s): ${names.join(', ')}\n` });

    const [first, second] = await Promise.all([caseway(env, 'migrate'), caseway(env, 'migrate')]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const ran = [first, second].flatMap(({ stdout }) => /^Applied \d+ migration\(s\): (.*)$/m.exec(stdout)?.[1]?.split(', ') ?? []);
    expect(ran.sort()).toEqual(names);

    const db = open();
    try {
      expect(await appliedNames(db)).toEqual(names);
    } finally {
      await db.destroy();
    }
    expect(await casewayInProcess({ ...process.env, DATABASE_URL: '', ...env }, 'migrate', '--dry-run')).toEqual({ code: 0, stderr: '', stdout: 'The database is up to date.\n' });
  });
});
