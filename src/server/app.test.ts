import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createTestApp, createTestDatabase, testConfig, TestClient, type TestContext } from './test/helpers.ts';

describe('the HTTP surface', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
  });
  afterAll(() => ctx.close());

  it('sends security headers with a CSP that allows no inline script (ASVS 3.4)', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/session' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    for (const route of ['/api/auth/login', '/api/auth/otp', '/api/auth/totp/pair', '/api/auth/change-password', '/api/registration/requests', '/api/registration/requests/{number}/approve', '/api/registration/help']) {
      expect(Object.keys(document.paths), route).toContain(route);
    }
    const login = document.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });

  it('shows every visitor the vendor’s contact details from settings', async () => {
    await ctx.db.insertInto('settings').values([{ key: 'contact_email', value: 'support@vendor.example' }, { key: 'contact_phone', value: '+81 3-0000-0000' }]).execute();
    const response = await ctx.app.inject({ method: 'GET', url: '/api/portal/contact' });
    expect(response.json()).toEqual({ company: '', email: 'support@vendor.example', phone: '+81 3-0000-0000', hours: '', address: '', sample: false });
  });

  it('says it is healthy, and whether its search index is in memory yet', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', searchIndex: expect.stringMatching(/^(loading|ready)$/) });
    await expect.poll(async () => (await ctx.app.inject({ method: 'GET', url: '/api/health' })).json().searchIndex).toBe('ready');
  });

  it('is ready for traffic once its search index is in memory', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect([200, 503]).toContain(first.statusCode);
    if (first.statusCode === 503) expect(first.json()).toEqual({ status: 'starting', searchIndex: 'loading' });
    await expect.poll(async () => (await ctx.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
  });

  it('gives every request an id, sent back in a header and in every error answer, as the log lines carry it', async () => {
    const answer = await ctx.app.inject({ method: 'GET', url: '/api/cases/CS0000001' });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json().requestId).toBe(answer.headers['x-request-id']);
    // An untrusted client cannot choose the id the logs file its request under.
    const chosen = await ctx.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'made-up' } });
    expect(chosen.headers['x-request-id']).not.toBe('made-up');
    // Behind a trusted proxy its id is kept, so one id follows the request through both logs.
    const behindProxy = await buildApp({ db: ctx.db, config: testConfig({ TRUST_PROXY_HOPS: '1' }), webRoot: null });
    try {
      expect((await behindProxy.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'nginx-4f2a' } })).headers['x-request-id']).toBe('nginx-4f2a');
      expect((await behindProxy.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id\nforged line' } })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await behindProxy.close();
    }
  });

  it('answers an unknown API address with a JSON 404', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers a body that is not JSON with a 400, not a 500', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/api/session');
    const response = await client.request({ method: 'POST', url: '/api/auth/login', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
  });

  it('rate-limits the password reset form per client address (ASVS 2.4.1)', async () => {
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: testConfig({ RATE_LIMITS: 'true' }), webRoot: null });
    const client = new TestClient(app, '192.0.2.10');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.post('/api/auth/forgot-password', { email: `someone${i}@example.com` })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await client.post('/api/auth/forgot-password', { email: 'someone@example.com' });
    expect(limited.json()).toMatchObject({ code: 'too_many_requests', messageKey: 'errors.rateLimited' });
    expect((await new TestClient(app, '192.0.2.11').post('/api/auth/forgot-password', { email: 'someone@example.com' })).statusCode).toBe(200);
    await app.close();
    await database.cleanup();
  });

  it('marks cookies Secure and __Host- under https', async () => {
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: testConfig({ PUBLIC_URL: 'https://support.example.com' }), webRoot: null });
    const response = await app.inject({ method: 'GET', url: '/api/session' });
    const csrf = response.cookies.find((c) => c.name === '__Host-caseway_csrf');
    expect(csrf?.secure).toBe(true);
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    await app.close();
    await database.cleanup();
  });

  it('serves the single-page app for page addresses, and the dev mailbox only outside production', async () => {
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Caseway</title>');
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1);');
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: testConfig(), webRoot });
    const page = await app.inject({ method: 'GET', url: '/login/verify' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const script = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect([script.statusCode, script.headers['content-type'], script.body]).toEqual([200, expect.stringMatching(/javascript/), 'console.log(1);']);
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const unknown = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
    expect((await app.inject({ method: 'GET', url: '/api/dev/mailbox' })).statusCode).toBe(200);
    await app.close();

    const production = await buildApp({ db: database.db, config: testConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' }), webRoot });
    expect((await production.inject({ method: 'GET', url: '/api/dev/mailbox' })).statusCode).toBe(404);
    await production.close();
    await database.cleanup();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('lets browsers keep hashed assets for a year, sends their precompressed twins, and has index.html revalidated', async () => {
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Caseway</title>');
    fs.mkdirSync(path.join(webRoot, 'assets'));
    const script = 'console.log("a script long enough to be worth compressing");\n'.repeat(50);
    const asset = path.join(webRoot, 'assets', 'index-abc123.js');
    fs.writeFileSync(asset, script);
    fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
    fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: testConfig(), webRoot });

    const brotli = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect([brotli.statusCode, brotli.headers['content-encoding'], brotli.headers['cache-control']]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
    const gzip = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect([gzip.headers['content-encoding'], gzip.headers['cache-control']]).toEqual(['gzip', 'public, max-age=31536000, immutable']);
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect([plain.headers['content-encoding'], plain.body]).toEqual([undefined, script]);

    for (const url of ['/', '/login']) {
      const page = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
      expect([page.statusCode, page.headers['cache-control']], url).toEqual([200, 'no-cache']);
    }
    await app.close();
    await database.cleanup();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('closes only once the handlers still running have finished, also one whose client has gone', async () => {
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: testConfig(), webRoot: null });
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const finishing = new Promise<void>((resolve) => (finish = resolve));
    app.get('/api/test/slow-write', async () => {
      started();
      await finishing;
      return { written: true };
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new AbortController();
    const request = fetch(`${address}/api/test/slow-write`, { signal: client.signal }).catch(() => 'aborted');
    await handlerStarted;
    client.abort();
    expect(await request).toBe('aborted');
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(closed).toBe(true);
    await database.cleanup();
  });
});
