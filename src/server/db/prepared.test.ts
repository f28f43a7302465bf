import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, seedAccount, type TestDatabase } from '../test/helpers.ts';
import { namedStatements } from './database.ts';
import { runPrepared } from './prepared.ts';

describe.each(databaseKinds)('queries built once per shape (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedAccount(t.db, 'Alpha');
    await seedAccount(t.db, 'Beta');
  });
  afterAll(() => t.cleanup());

  const accountNamed = (name: string) =>
    runPrepared(t.db, 'test|accountNamed', { name }, (db, arg) => db.selectFrom('accounts').select(['id', 'name']).where('name', '=', arg('name')));

  it('runs the SQL of the first build with the values of each run', async () => {
    expect((await accountNamed('Alpha')).map((r) => r.name)).toEqual(['Alpha']);
    expect((await accountNamed('Beta')).map((r) => r.name)).toEqual(['Beta']);
    expect(await accountNamed("Gamma' or '1'='1")).toEqual([]);
  });

  it('gives each SQL text one statement name, also when two shapes share the text', async () => {
    const build = (db: TestDatabase['db']) => db.selectFrom('accounts').select('name').orderBy('id');
    await runPrepared(t.db, 'test|first', {}, build);
    await runPrepared(t.db, 'test|same SQL, other shape', {}, build);
    await runPrepared(t.db, 'test|other SQL', {}, (db) => db.selectFrom('accounts').select('id').orderBy('id'));
    const names = [...namedStatements.values()];
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads the last committed state without waiting for a write transaction held open elsewhere', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertDone = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = t.db.transaction().execute(async (trx) => {
      await trx.insertInto('accounts').values({ name: 'Delta', customer_identifier: 'T000000001', created_at: 0 }).execute();
      inserted();
      await held;
    });
    await insertDone;
    // Through Kysely's one SQLite connection this read would wait until the transaction ends.
    const whileOpen = await Promise.race([accountNamed('Alpha'), new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2000))]);
    expect(whileOpen).not.toBe('waited');
    expect(await accountNamed('Delta')).toEqual([]);
    release();
    await transaction;
    expect((await accountNamed('Delta')).map((r) => r.name)).toEqual(['Delta']);
  });

  it('reads its own uncommitted writes inside a transaction', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('accounts').values({ name: 'Epsilon', customer_identifier: 'T000000002', created_at: 0 }).execute();
        const rows = await runPrepared(trx, 'test|accountNamed', { name: 'Epsilon' }, (db, arg) => db.selectFrom('accounts').select(['id', 'name']).where('name', '=', arg('name')));
        expect(rows.map((r) => r.name)).toEqual(['Epsilon']);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await accountNamed('Epsilon')).toEqual([]);
  });

  it('refuses a run that leaves out a value the SQL needs', async () => {
    await expect(runPrepared(t.db, 'test|accountNamed', {} as { name: string }, (db, arg) => db.selectFrom('accounts').select('id').where('name', '=', arg('name')))).rejects.toThrow(/no value for name/);
  });
});
