import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers.ts';

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
});
