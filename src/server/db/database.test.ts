import { sql, type Kysely } from 'kysely';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers.ts';
import { databaseNow, namedStatements, openDatabase } from './database.ts';
import { runPrepared } from './prepared.ts';

describe.skipIf(!databaseKinds.includes('postgres'))('PostgreSQL connections', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database.cleanup());

  it('plan with random reads priced as from memory, on every connection of the pool', async () => {
    // Several at once, so the pool opens several connections.
    const answers = await Promise.all(Array.from({ length: 4 }, () => sql<{ random_page_cost: string }>`show random_page_cost`.execute(database.db)));
    expect(answers.map((answer) => answer.rows[0]!.random_page_cost)).toEqual(['1.1', '1.1', '1.1', '1.1']);
  });

  it("plans each prepared read once, without looking at its values; other queries keep PostgreSQL's choice", async () => {
    // One connection in each pool, so the statistics read below are those of the connection that ran the reads.
    const db = openDatabase({ kind: 'postgres', url: database.url!, poolSize: 1 });
    try {
      const accountNamed = (name: string) =>
        runPrepared(db, 'test|plannedOnce', { name }, (executor, arg) => executor.selectFrom('accounts').select('id').where('name', '=', arg('name')));
      // PostgreSQL's default makes a plan for the values at each of the first five runs at least,
      // and for good when it estimates them cheaper than the plan made without them.
      for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) await accountNamed(name);
      const statement = [...namedStatements].find(([text]) => text.includes('from "accounts" where "name" ='))![1];
      const plans = await runPrepared(db, 'test|plans', { statement }, (executor, arg) =>
        (executor as unknown as Kysely<Record<string, { name: string; generic_plans: string; custom_plans: string }>>)
          .selectFrom('pg_prepared_statements')
          .select(['generic_plans', 'custom_plans'])
          .where('name', '=', arg('statement')),
      );
      expect(plans.map((row) => [Number(row.generic_plans), Number(row.custom_plans)])).toEqual([[6, 0]]);
      expect((await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(db)).rows[0]!.plan_cache_mode).toBe('auto');
    } finally {
      await db.destroy();
    }
  });
});

describe.each(databaseKinds)("the database's clock (%s)", (kind) => {
  it('reads in epoch milliseconds, moving, and not from this process (whose clock may be wrong)', async () => {
    const database = await createTestDatabase(kind);
    try {
      const first = await databaseNow(database.db);
      expect(Math.abs(first - Date.now())).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await databaseNow(database.db)).toBeGreaterThan(first);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 86_400_000);
      expect(Math.abs((await databaseNow(database.db)) - first)).toBeLessThan(5000);
    } finally {
      vi.useRealTimers();
      await database.cleanup();
    }
  });
});

describe('SQLite transactions beside another process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(() => database.cleanup());

  it("take the write lock as they begin: another connection's write cannot slip in between a read and the transaction's own write", async () => {
    // Another process, such as `caseway staff create` beside the running portal; it does not wait.
    const other = new SQLite(database.file!);
    other.pragma('busy_timeout = 0');
    try {
      await database.db.transaction().execute(async (trx) => {
        await trx.selectFrom('settings').select('key').execute();
        // With a plain `begin` this write went through, and the insert below then failed at once
        // with "database is locked" (SQLITE_BUSY_SNAPSHOT), whatever the busy timeout.
        expect(() => other.prepare("insert into settings (key, value) values ('other', '1')").run()).toThrow(/database is locked/);
        await trx.insertInto('settings').values({ key: 'mine', value: '1' }).execute();
      });
      other.prepare("insert into settings (key, value) values ('other', '1')").run();
      expect((await database.db.selectFrom('settings').select('key').where('key', 'in', ['mine', 'other']).orderBy('key').execute()).map((row) => row.key)).toEqual(['mine', 'other']);
    } finally {
      other.close();
    }
  });
});
