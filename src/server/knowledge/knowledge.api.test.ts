import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { importArticles } from './knowledge.import.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('knowledge base API (%s)', (kind) => {
  let ctx: TestContext;
  let agent: TestClient;
  let contact: TestClient;
  let visitor: TestClient;
  let productId: number;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const account = await seedAccount(ctx.db);
    agent = await signIn(ctx, await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] }));
    contact = await signIn(ctx, await seedPerson(ctx.db, { accountId: account.id }));
    visitor = new TestClient(ctx.app);
    productId = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => ctx.close());

  const write = async (body: Record<string, unknown>) => {
    const response = await agent.post('/api/kb/articles', { language: 'ja', visibility: 'public', state: 'published', body: '', ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().number as string;
  };
  const numbersFor = async (client: TestClient, query: string) =>
    (await client.get(`/api/kb/search?q=${encodeURIComponent(query)}`)).json().items.map((i: { number: string }) => i.number);

  it('numbers articles KB + 7 digits and makes a published one searchable at once, in Japanese forms', async () => {
    const number = await write({ title: 'パスワードのリセット', body: 'ポータルのパスワードを忘れたときは「Forgot your password?」を使います。', productIds: [productId] });
    expect(number).toMatch(/^KB\d{7}$/);
    for (const query of ['パスワード', 'ﾊﾟｽﾜｰﾄﾞ', 'リセット', 'forgot']) expect(await numbersFor(visitor, query), query).toContain(number);
    const response = await visitor.get('/api/kb/search?q=パスワード');
    // The page is sent as the bytes it was encoded to once: UTF-8, said so, and counted in bytes, not characters.
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    const result = response.json().items.find((i: { number: string }) => i.number === number);
    expect(result).toMatchObject({ titleMatch: true, products: ['Sentinel LDK'] });
    expect(result.snippet.some((p: { text: string; match: boolean }) => p.match && p.text.includes('パスワード'))).toBe(true);
  });

  it('finds katakana by hiragana and back, and highlights the word searched, not a fragment of another', async () => {
    const number = await write({ title: 'ライセンスの更新', body: 'インストールの後、ライセンスを更新します。' });
    const marked = async (query: string) => {
      const item = (await visitor.get(`/api/kb/search?q=${encodeURIComponent(query)}`)).json().items.find((i: { number: string }) => i.number === number);
      return item?.snippet.filter((p: { match: boolean }) => p.match).map((p: { text: string }) => p.text);
    };
    // ライセンス's pairs include ンス, which インストール holds too: only the whole word is marked.
    expect(await marked('ライセンス')).toEqual(['ライセンス']);
    expect(await marked('らいせんす')).toEqual(['ライセンス']);
    const hiragana = await write({ title: 'ぱすわーどの決め方', body: 'ぱすわーどは十二文字以上にします。' });
    expect(await numbersFor(visitor, 'パスワード')).toContain(hiragana);
    // Found by its title, its body holding only インストール: nothing of the body is marked.
    const byTitle = await write({ title: 'ライセンスの手引き', body: 'インストールの手順です。' });
    const item = (await visitor.get(`/api/kb/search?q=${encodeURIComponent('ライセンス')}`)).json().items.find((i: { number: string }) => i.number === byTitle);
    expect(item).toMatchObject({ titleMatch: true, snippet: [{ text: 'インストールの手順です。', match: false }] });
  });

  it('finds an article imported by another process (`kb import`) at the first search after the import', async () => {
    const other = openDatabase(kind === 'sqlite' ? { kind: 'sqlite', file: ctx.file! } : { kind: 'postgres', url: ctx.url! });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-kb-'));
    try {
      // Asked twice before, so the empty answer is kept, and the index in memory is loaded.
      for (let i = 0; i < 2; i++) expect(await numbersFor(visitor, 'オンボーディング')).toEqual([]);
      const file = path.join(dir, 'articles.jsonl');
      fs.writeFileSync(file, `${JSON.stringify({ title: 'オンボーディングの手順', body: 'はじめに。', language: 'ja', visibility: 'public', state: 'published', products: [] })}\n`);
      expect(await importArticles(other, file, 5_000)).toBe(1);
      expect(await numbersFor(visitor, 'おんぼーでぃんぐ')).toHaveLength(1);
      expect(await numbersFor(visitor, 'オンボーディング')).toHaveLength(1);
    } finally {
      await other.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('highlights a match far into a long article, beyond the opening read for snippets', async () => {
    const number = await write({ title: 'ドングルの手引き', body: `${'一般的な説明が続きます。'.repeat(120)}最後にファームウェア更新の注意点です。`, language: 'ja' });
    const item = (await visitor.get(`/api/kb/search?q=${encodeURIComponent('ファームウェア')}`)).json().items.find((i: { number: string }) => i.number === number);
    expect(item.snippet.filter((p: { match: boolean }) => p.match).map((p: { text: string }) => p.text)).toEqual(['ファームウェア']);
    expect(item.snippet[0]).toEqual({ text: expect.stringMatching(/^…/), match: false });
  });

  it('names a renamed product on the next search, though the answer was kept', async () => {
    const admin = await signIn(ctx, await seedPerson(ctx.db, { kind: 'staff', roles: ['admin'] }));
    const product = (await ctx.db.insertInto('products').values({ name: 'Sentinel EMS', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    await write({ title: 'Entitlement reports', body: 'Export the entitlements.', language: 'en', productIds: [product] });
    const products = async () => (await visitor.get('/api/kb/search?q=entitlement')).json().items.map((i: { products: string[] }) => i.products);
    // Asked twice: the second answer is kept (search-cache.ts).
    expect(await products()).toEqual([['Sentinel EMS']]);
    expect(await products()).toEqual([['Sentinel EMS']]);
    expect((await admin.request({ method: 'PATCH', url: `/api/admin/products/${product}`, payload: { name: 'Thales EMS' } })).statusCode).toBe(200);
    expect(await products()).toEqual([['Thales EMS']]);
  });

  it('answers a repeated search from memory only until an article changes', async () => {
    expect(await numbersFor(visitor, 'hardlock')).toEqual([]);
    const first = await write({ title: 'Replacing a hardlock', body: 'Unplug the old hardlock first.', language: 'en' });
    expect(await numbersFor(visitor, 'hardlock')).toEqual([first]);
    expect(await numbersFor(visitor, 'hardlock')).toEqual([first]);
    expect((await agent.request({ method: 'PATCH', url: `/api/kb/articles/${first}`, payload: { state: 'retired' } })).statusCode).toBe(200);
    expect(await numbersFor(visitor, 'hardlock')).toEqual([]);
  });

  it('finds a misspelled word and highlights what it found', async () => {
    const number = await write({ title: 'Changing the configuration', body: 'The configuration file lives next to the license server.', language: 'en' });
    const item = (await visitor.get('/api/kb/search?q=configuraton')).json().items.find((i: { number: string }) => i.number === number);
    expect(item).toMatchObject({ titleMatch: true });
    expect(item.snippet.filter((p: { match: boolean }) => p.match).map((p: { text: string }) => p.text)).toContain('configuration');
  });

  it('shows a snippet as the article reads, not as the search folds it: letter case kept, no Markdown marks', async () => {
    const number = await write({ title: 'Signing in', body: 'If you **forgot** your Password, choose [Forgot password?](https://example.com/reset) on the _Login_ page.', language: 'en' });
    const item = (await visitor.get('/api/kb/search?q=password')).json().items.find((i: { number: string }) => i.number === number);
    expect(item.snippet).toEqual([
      { text: 'If you forgot your ', match: false },
      { text: 'Password', match: true },
      { text: ', choose Forgot ', match: false },
      { text: 'password', match: true },
      { text: '? on the Login page.', match: false },
    ]);
  });

  it('corrects a word only until an article holds it as written, though each word’s check is kept between searches', async () => {
    const spelledRight = await write({ title: 'Sensor calibration', body: 'Run the calibration twice.', language: 'en' });
    expect(await numbersFor(visitor, 'calibraton')).toEqual([spelledRight]);
    const spelledSo = await write({ title: 'Calibraton, the tool', body: 'Calibraton is a tool of its own name.', language: 'en' });
    expect(await numbersFor(visitor, 'calibraton')).toEqual([spelledSo]);
  });

  it('finds ＬＤＫ as LDK and ranks title matches first', async () => {
    const inBody = await write({ title: 'ランタイムの更新', body: 'Sentinel LDK のランタイムを更新します。', language: 'ja' });
    const inTitle = await write({ title: 'LDK のライセンス', body: '詳細。', language: 'ja' });
    const found = await numbersFor(visitor, 'ＬＤＫ');
    expect(found.indexOf(inTitle)).toBeLessThan(found.indexOf(inBody));
  });

  it('shows customers articles to contacts, internal ones to staff only, and drafts to nobody outside staff', async () => {
    const customers = await write({ title: 'Customer-only dongle guide', language: 'en', visibility: 'customers' });
    const internal = await write({ title: 'Internal escalation dongle notes', language: 'en', visibility: 'internal' });
    const draft = await write({ title: 'Draft dongle article', language: 'en', state: 'draft' });
    expect(await numbersFor(visitor, 'dongle')).toEqual([]);
    expect(await numbersFor(contact, 'dongle')).toEqual([customers]);
    expect(new Set(await numbersFor(agent, 'dongle'))).toEqual(new Set([customers, internal, draft]));
    for (const number of [internal, draft]) {
      expect((await contact.get(`/api/kb/articles/${number}`)).statusCode).toBe(404);
      expect((await visitor.get(`/api/kb/articles/${number}`)).statusCode).toBe(404);
    }
    expect((await visitor.get(`/api/kb/articles/${customers}`)).statusCode).toBe(404);
    expect((await contact.get(`/api/kb/articles/${customers}`)).json().title).toBe('Customer-only dongle guide');

    expect((await agent.request({ method: 'PATCH', url: `/api/kb/articles/${draft}`, payload: { state: 'published', visibility: 'public' } })).statusCode).toBe(200);
    expect(await numbersFor(visitor, 'dongle')).toEqual([draft]);
  });

  it('lets contacts vote and staff see views and votes', async () => {
    const number = await write({ title: 'Voting article', language: 'en' });
    await contact.get(`/api/kb/articles/${number}`);
    expect((await contact.post(`/api/kb/articles/${number}/vote`, { helpful: true })).statusCode).toBe(200);
    expect((await contact.get(`/api/kb/articles/${number}`)).json()).toMatchObject({ myVote: true, stats: null });
    expect((await agent.get(`/api/kb/articles/${number}`)).json().stats).toEqual({ views: 2, helpful: 1, notHelpful: 0 });
    expect((await agent.post(`/api/kb/articles/${number}/vote`, { helpful: true })).statusCode).toBe(403);
  });

  it('answers bad input with a clear error or an empty result, never a 500', async () => {
    expect((await agent.post('/api/kb/articles', { title: '', language: 'en', visibility: 'public' })).json().message).toMatch(/Enter a title/);
    expect((await agent.post('/api/kb/articles', { title: 'x'.repeat(201), language: 'en', visibility: 'public' })).json().message).toMatch(/at most 200/);
    expect((await contact.post('/api/kb/articles', { title: 'Mine', language: 'en', visibility: 'public' })).statusCode).toBe(403);
    expect((await visitor.get('/api/kb/articles/KB9999999')).statusCode).toBe(404);
    expect((await visitor.get('/api/kb/articles/42')).statusCode).toBe(400);
    for (const query of ['x'.repeat(10_000), '!!!???', '"', '*', 'OR', 'NEAR(', "'; drop table articles; --"]) {
      const response = await visitor.get(`/api/kb/search?q=${encodeURIComponent(query)}`);
      expect(response.statusCode, query).toBe(200);
    }
    expect((await visitor.get('/api/kb/search?q=' + encodeURIComponent('***'))).json().items).toEqual([]);
  });
});
