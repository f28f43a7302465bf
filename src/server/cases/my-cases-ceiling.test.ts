import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myCasesStatement, parametersFor } from '../../../bench/my-cases-sql.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, type TestContext } from '../test/helpers.ts';

// The benchmark's ceiling (bench/ceiling.ts) runs the statement bench/my-cases-sql.ts takes from
// listCasesWithTotal; it must read the very page the portal answers, with its count, for a contact
// and for their account.
describe.each(databaseKinds)("the benchmark ceiling's My Cases statement (%s)", (kind) => {
  let ctx: TestContext;
  let contactId: number;
  let accountId: number;
  type Answer = { items: Array<{ number: string }>; total: number };
  const answered: Record<'mine' | 'account', Answer | null> = { mine: null, account: null };

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    accountId = (await seedAccount(ctx.db, 'Acme Japan')).id;
    const other = (await seedAccount(ctx.db, 'Globex')).id;
    const products = await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const admin = await seedPerson(ctx.db, { accountId, roles: ['account_admin'] });
    const colleague = await seedPerson(ctx.db, { accountId });
    contactId = admin.id;
    for (const [person, count] of [[admin, 3], [colleague, 2], [await seedPerson(ctx.db, { accountId: other }), 2]] as const) {
      const client = await signIn(ctx, person);
      for (let i = 0; i < count; i++) expect((await client.post('/api/cases', { type: 'product_issue', productId: products.id, priority: 3, subject: `Case ${i}`, description: 'd' })).statusCode).toBe(201);
    }
    const client = await signIn(ctx, admin);
    answered.mine = (await client.get('/api/cases')).json() as Answer;
    answered.account = (await client.get('/api/cases?scope=account')).json() as Answer;
  });
  afterAll(() => ctx.close());

  it.each(['mine', 'account'] as const)('reads the page the portal answers (%s)', async (scope) => {
    const statement = await myCasesStatement(kind, scope);
    const parameters = parametersFor(statement, scope === 'account' ? accountId : contactId);
    const rows = (await ctx.db.executeQuery<{ number: string; matching_total: number | string }>(CompiledQuery.raw(statement.sql, parameters))).rows;
    const expected = scope === 'account' ? 5 : 3;
    expect(rows.map((row) => row.number)).toEqual(answered[scope]!.items.map((item) => item.number));
    expect(rows.map((row) => Number(row.matching_total))).toEqual(Array(expected).fill(expected));
    expect(answered[scope]).toMatchObject({ total: expected, items: Array(expected).fill(expect.anything()) });
  });
});
