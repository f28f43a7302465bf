import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, defaultWebRoot } from './app.ts';
import { createTestApp, databaseKinds, mailsTo, seedAccount, seedPerson, signIn, TestClient, type TestContext } from './test/helpers.ts';

describe.each(databaseKinds)('what the API answers, decided by the route that matched (%s)', (kind) => {
  let ctx: TestContext;
  let contact: Awaited<ReturnType<typeof seedPerson>>;
  let caseNumber: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const account = await seedAccount(ctx.db);
    contact = await seedPerson(ctx.db, { accountId: account.id });
    const productId = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const client = await signIn(ctx, contact);
    const created = await client.post('/api/cases', { type: 'product_issue', productId, priority: 3, subject: 'License not found', description: 'No license.' });
    caseNumber = created.json().number;
  });
  afterAll(() => ctx.close());

  it('marks every API answer no-store: personal data, errors and public answers alike (ASVS 14.3.2)', async () => {
    const client = await signIn(ctx, contact);
    for (const url of ['/api/me', '/api/session', '/api/cases', `/api/cases/${caseNumber}`, `/api/cases/${caseNumber}/activity`]) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    const anonymous = new TestClient(ctx.app);
    for (const url of ['/api/me', '/api/cases/CS9999999', '/api/portal/contact', '/api/nothing-here']) {
      expect((await anonymous.get(url)).headers['cache-control'], url).toBe('no-store');
    }
    const refused = await anonymous.post('/api/auth/login', { email: 'x@example.com', password: 'x' }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('refuses a state-changing request without its CSRF token however the path is spelled (the router decodes it)', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/api/session');
    const mailsBefore = (await mailsTo(ctx.db, contact.email)).length;
    for (const url of ['/%61pi/auth/forgot-password', '/api/%61uth/forgot-password', '/%61%70%69/auth/forgot-password']) {
      const response = await client.post(url, { email: contact.email }, { csrf: false });
      expect(response.statusCode, url).toBe(403);
      expect(response.json(), url).toMatchObject({ code: 'csrf' });
    }
    expect(await mailsTo(ctx.db, contact.email)).toHaveLength(mailsBefore);
  });

  it('loads the session for a route reached through an encoded path too', async () => {
    const client = await signIn(ctx, contact);
    const response = await client.get('/%61pi/me');
    expect(response.statusCode).toBe(200);
    expect(response.json().email).toBe(contact.email);
  });
});

describe('HTML answers', () => {
  it('name their charset', async () => {
    const ctx = await createTestApp('sqlite');
    const app = await buildApp({ db: ctx.db, config: ctx.config, clock: ctx.clock, webRoot: path.resolve(defaultWebRoot) });
    try {
      for (const url of ['/', '/my-cases', '/login']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
      }
    } finally {
      await app.close();
      await ctx.close();
    }
  });
});
