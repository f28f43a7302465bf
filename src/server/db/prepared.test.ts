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

  it('refuses a run that leaves out a value the SQL needs', async () => {
    await expect(runPrepared(t.db, 'test|accountNamed', {} as { name: string }, (db, arg) => db.selectFrom('accounts').select('id').where('name', '=', arg('name')))).rejects.toThrow(/no value for name/);
  });
});
