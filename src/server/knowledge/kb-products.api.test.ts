import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestApp, createTestDatabase, databaseKinds, seedPerson, signIn, testConfig, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('the knowledge base’s product catalogue, open to visitors (%s)', (kind) => {
  let ctx: TestContext;
  let visitor: TestClient;
  let ldk: number;
  let rms: number;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    visitor = new TestClient(ctx.app);
    const product = async (name: string, active = 1) => (await ctx.db.insertInto('products').values({ name, active, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    ldk = await product('Sentinel LDK');
    rms = await product('Sentinel RMS');
    await product('HASP SRM');
    await product('Sentinel SuperPro', 0);
  });
  afterAll(() => ctx.close());

  it('lists the active products to a visitor, by name, with id and name only; retired ones are left out', async () => {
    const response = await visitor.get('/api/kb/products');
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { id: expect.any(Number), name: 'HASP SRM' },
      { id: ldk, name: 'Sentinel LDK' },
      { id: rms, name: 'Sentinel RMS' },
    ]);
  });

  it('lists the products whose name contains the typed text, in any case, at most `limit`', async () => {
    expect((await visitor.get('/api/kb/products?q=sentinel')).json().items.map((p: { name: string }) => p.name)).toEqual(['Sentinel LDK', 'Sentinel RMS']);
    expect((await visitor.get('/api/kb/products?q=sentinel&limit=1')).json().items).toHaveLength(1);
    const tooMany = await visitor.get('/api/kb/products?limit=51');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/1 to 50 products/);
    expect((await visitor.get('/api/kb/products?active=0')).statusCode).toBe(400);
  });

  it('answers signed-in staff the same list: retired products are no filter choice for anyone', async () => {
    const agent = await signIn(ctx, await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'] }));
    expect((await agent.get('/api/kb/products')).json()).toEqual((await visitor.get('/api/kb/products')).json());
  });

  it('lets a visitor filter public articles by a product from the list', async () => {
    const agent = await signIn(ctx, await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] }));
    const write = async (title: string, productIds: number[]) => {
      const response = await agent.post('/api/kb/articles', { title, body: 'Activation steps.', language: 'en', visibility: 'public', state: 'published', productIds });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().number as string;
    };
    const forLdk = await write('Activating a license', [ldk]);
    await write('Activating a license server', [rms]);
    const [product] = (await visitor.get('/api/kb/products?q=LDK')).json().items;
    const found = (await visitor.get(`/api/kb/search?q=activating&productId=${product.id}`)).json().items.map((hit: { number: string }) => hit.number);
    expect(found).toEqual([forLdk]);
  });
});

describe('the product catalogue’s rate limit', () => {
  it('slows a client address that asks too often, and not the others', async () => {
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: testConfig({ RATE_LIMITS: 'true' }), webRoot: null });
    try {
      const client = new TestClient(app, '192.0.2.20');
      const statuses: number[] = [];
      for (let i = 0; i < 121; i++) statuses.push((await client.get('/api/kb/products')).statusCode);
      expect(statuses.slice(0, 120).every((status) => status === 200)).toBe(true);
      expect(statuses[120]).toBe(429);
      expect((await client.get('/api/kb/products')).json()).toMatchObject({ code: 'too_many_requests', messageKey: 'errors.rateLimited' });
      expect((await new TestClient(app, '192.0.2.21').get('/api/kb/products')).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.cleanup();
    }
  });
});
