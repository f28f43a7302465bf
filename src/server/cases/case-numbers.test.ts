import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { formatNumber, nextCounterValue } from '../lib/identifiers.ts';
import { createTestDatabase, databaseKinds } from '../test/helpers.ts';

describe.each(databaseKinds)('case numbers across processes (%s)', (kind) => {
  it('never hands out a number twice when several connection pools draw at once', async () => {
    const database = await createTestDatabase(kind);
    // A second pool on the same database stands in for a second server process.
    const other = database.url ? openDatabase({ kind: 'postgres', url: database.url, poolSize: 5 }) : database.db;
    const draw = (db: typeof database.db) => db.transaction().execute((trx) => nextCounterValue(trx, 'case'));
    const values = await Promise.all(Array.from({ length: 40 }, (_, i) => draw(i % 2 ? other : database.db)));
    expect(new Set(values).size).toBe(40);
    expect(Math.max(...values)).toBe(40);
    expect(formatNumber('CS', Math.max(...values))).toBe('CS0000040');
    if (other !== database.db) await other.destroy();
    await database.cleanup();
  });
});
