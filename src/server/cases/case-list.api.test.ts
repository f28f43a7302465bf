import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import { neutralizeFormula } from './cases.export.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, type TestClient, type TestContext } from '../test/helpers.ts';

describe.each(databaseKinds)('My Cases as a list: count, filters, folding, CSV (%s)', (kind) => {
  let ctx: TestContext;
  let taro: TestClient;
  let accountAdmin: TestClient;
  let stranger: TestClient;
  let agent: TestClient;
  let globex: number;
  let ldk: number;
  let ems: number;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const acme = (await seedAccount(ctx.db, 'Acme Japan')).id;
    const other = (await seedAccount(ctx.db, 'Globex')).id;
    globex = other;
    ldk = (await ctx.db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    ems = (await ctx.db.insertInto('products').values({ name: 'Sentinel EMS', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    // Seeded people are in Asia/Tokyo.
    taro = await signIn(ctx, await seedPerson(ctx.db, { accountId: acme, firstName: '太郎', lastName: '山田', language: 'ja' }));
    accountAdmin = await signIn(ctx, await seedPerson(ctx.db, { accountId: acme, roles: ['account_admin'] }));
    stranger = await signIn(ctx, await seedPerson(ctx.db, { accountId: other }));
    agent = await signIn(ctx, await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'] }));
    const open = async (client: TestClient, key: string, productId: number, priority: number, subject: string) => {
      const answer = await client.post('/api/cases', { type: 'product_issue', productId, priority, subject, description: '詳細' });
      expect(answer.statusCode, answer.body).toBe(201);
      numbers[key] = answer.json().number;
    };
    await open(taro, 'test', ldk, 2, 'テスト環境でライセンスが見つからない');
    await open(taro, 'formula', ems, 3, '=HYPERLINK("http://evil.example","click")');
    await open(taro, 'quotes', ldk, 3, 'Dongle "A", second line\nstill the subject');
    for (let i = 0; i < 4; i++) await open(taro, `bulk${i}`, ems, 4, `Bulk case ${i}`);
    await open(stranger, 'stranger', ldk, 2, 'テスト from another account');
    for (const [key, subject] of [['plus', '+1 555 0100 call back'], ['minus', '-2+3 offline'], ['at', '@SUM(A1:A2) report']] as const) await open(stranger, key, ems, 4, subject);
    // One case last updated on 2026-03-01 10:00 in Tokyo (01:00 UTC), another on 2026-03-02 00:30 Tokyo (03-01 15:30 UTC).
    await ctx.db.updateTable('cases').set({ updated_at: Date.UTC(2026, 2, 1, 1, 0) }).where('number', '=', numbers.bulk0!).execute();
    await ctx.db.updateTable('cases').set({ updated_at: Date.UTC(2026, 2, 1, 15, 30) }).where('number', '=', numbers.bulk1!).execute();
  });
  afterAll(() => ctx.close());

  const list = async (client: TestClient, query: string) => {
    const answer = await client.get(`/api/cases?${query}`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as { items: Array<{ number: string }>; nextCursor: string | null; total: number };
  };

  it('says how many cases match on every page, whatever the page size', async () => {
    const first = await list(taro, 'limit=2');
    expect(first).toMatchObject({ total: 7 });
    expect(first.items).toHaveLength(2);
    const second = await list(taro, `limit=2&cursor=${first.nextCursor}`);
    expect(second.total).toBe(7);
    // A page past the last case (a link kept while cases changed): no row carries the count, yet it is said.
    const pastTheLast = Buffer.from(JSON.stringify([0, 0])).toString('base64url');
    expect(await list(taro, `limit=2&cursor=${pastTheLast}`)).toEqual({ items: [], nextCursor: null, total: 7, totalCapped: false });
    expect((await list(taro, 'limit=100')).items).toHaveLength(7);
    expect((await taro.get('/api/cases?limit=101')).statusCode).toBe(400);
  });

  it('filters by product, priority and the days of the last update in the viewer’s time zone', async () => {
    expect((await list(taro, `productId=${ems}`)).total).toBe(5);
    expect((await list(taro, `productId=${ldk}&priority=2`)).items.map((c) => c.number)).toEqual([numbers.test]);
    // 2026-03-01 in Tokyo holds the 10:00 update only: the other fell on the 2nd there, though on the 1st in UTC.
    expect((await list(taro, 'updatedFrom=2026-03-01&updatedTo=2026-03-01')).items.map((c) => c.number)).toEqual([numbers.bulk0]);
    expect((await list(taro, 'updatedFrom=2026-03-02&updatedTo=2026-03-02')).items.map((c) => c.number)).toEqual([numbers.bulk1]);
    const bad = await taro.get('/api/cases?updatedFrom=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/updatedFrom: Enter the first day as YYYY-MM-DD/);
    for (const url of ['/api/cases?updatedFrom=2026-03-02&updatedTo=2026-03-01', '/api/cases/export?updatedFrom=2026-03-02&updatedTo=2026-03-01']) {
      const reversed = await taro.get(url);
      expect(reversed.statusCode, url).toBe(400);
      expect(reversed.json().message).toMatch(/The first day of the update range comes after its last day/);
    }
  });

  it('finds text folded by width, case and kana, as knowledge search does', async () => {
    for (const typed of ['ﾃｽﾄ', 'テスト', 'てすと', 'ﾗｲｾﾝｽ']) expect((await list(taro, `q=${encodeURIComponent(typed)}`)).items.map((c) => c.number), typed).toEqual([numbers.test]);
    expect((await list(taro, `q=${encodeURIComponent('BULK CASE')}`)).total).toBe(4);
    // Never another account's case, whatever matches.
    expect((await list(taro, `q=${encodeURIComponent('from another')}`)).total).toBe(0);
  });

  it('exports what the filters select as CSV: UTF-8 with a BOM, headings in the reader’s language, formulas neutralised', async () => {
    const answer = await taro.get(`/api/cases/export?productId=${ldk}&sort=number&direction=asc`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(answer.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = answer.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('番号,件名,状態,優先度,製品名,アカウント,コンタクト,担当者,作成日時,更新日時');
    expect(lines[1]).toMatch(new RegExp(`^${numbers.test},テスト環境でライセンスが見つからない,新規,2 - 高,Sentinel LDK,Acme Japan,山田 太郎,,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},`));
    // Quotes doubled and the line break kept inside one quoted cell.
    expect(answer.body).toContain(`${numbers.quotes},"Dongle ""A"", second line\nstill the subject"`);
    expect(answer.body).not.toContain('stranger');
    // A download link names the page's language, which wins over the profile's.
    expect((await taro.get(`/api/cases/export?productId=${ldk}&language=en`)).body.split('\r\n')[0]).toBe('\uFEFFNumber,Short description,State,Priority,Product Name,Account,Contact,Assigned to,Opened,Updated');

    const english = await accountAdmin.get(`/api/cases/export?scope=account&productId=${ems}&priority=3`);
    const rows = english.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('Number,Short description,State,Priority,Product Name,Account,Contact,Assigned to,Opened,Updated');
    // An English reader: headings and names in English order, and the subject a spreadsheet shows as text.
    expect(rows[1]).toContain(`${numbers.formula},"'=HYPERLINK(""http://evil.example"",""click"")",New,3 - Moderate,Sentinel EMS,Acme Japan,太郎 山田,`);
  });

  it('exports only what the viewer may list: a contact’s own cases, and no account’s list without the role', async () => {
    const own = (await stranger.get('/api/cases/export')).body;
    expect(own).toContain(numbers.stranger!);
    expect(own).not.toContain(numbers.test!);
    expect((await taro.get('/api/cases/export?scope=account')).statusCode).toBe(403);
    expect((await taro.get('/api/cases/export?scope=all')).statusCode).toBe(403);
  });

  it('never widens a contact’s list by naming another account, and lets staff export every account', async () => {
    // Another account's id or product narrows the contact's own cases; it never reaches the other account's.
    expect((await list(taro, `accountId=${globex}`)).total).toBe(0);
    expect((await list(stranger, `accountId=${globex}&productId=${ems}`)).total).toBe(3);
    expect((await taro.get(`/api/cases/export?accountId=${globex}`)).body.trim().split('\r\n')).toHaveLength(1);
    const all = (await agent.get('/api/cases/export?scope=all&sort=number&direction=asc')).body;
    for (const key of ['test', 'stranger', 'plus']) expect(all).toContain(numbers[key]!);
    expect((await list(agent, 'scope=all')).total).toBe(11);
    // Every cell a spreadsheet would run as a formula starts with an apostrophe.
    const cells = (await stranger.get(`/api/cases/export?productId=${ems}&sort=number&direction=asc`)).body.split('\r\n').slice(1, 4).map((row) => row.split(',')[1]);
    expect(cells).toEqual(["'+1 555 0100 call back", "'-2+3 offline", "'@SUM(A1:A2) report"]);
  });

  it('pages through more cases than one query reads when exporting', async () => {
    const many = await ctx.db.selectFrom('cases').selectAll().where('number', '=', numbers.bulk3!).executeTakeFirstOrThrow();
    const { id: _id, number: _number, ...rest } = many;
    const copies = Array.from({ length: 230 }, (_, i) => ({ ...rest, number: `CS9${String(i).padStart(6, '0')}`, subject: `Copy ${i}`, updated_at: many.updated_at - (i + 1) * DAY }));
    for (let i = 0; i < copies.length; i += 50) await ctx.db.insertInto('cases').values(copies.slice(i, i + 50)).execute();
    const csv = (await taro.get('/api/cases/export')).body;
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 7 + 230);
    expect(await list(taro, 'limit=25')).toMatchObject({ total: 237, totalCapped: false });
    // Past 1,000 the count stops: "1,000+" costs a thousand index entries, not the account's every case.
    const more = Array.from({ length: 800 }, (_, i) => ({ ...rest, number: `CS8${String(i).padStart(6, '0')}`, subject: `More ${i}`, search_text: `more ${i}`, updated_at: many.updated_at - (i + 1) * DAY }));
    for (let i = 0; i < more.length; i += 100) await ctx.db.insertInto('cases').values(more.slice(i, i + 100)).execute();
    expect(await list(taro, 'limit=25')).toMatchObject({ total: 1_000, totalCapped: true });
    expect(await list(taro, `limit=25&q=${encodeURIComponent('more 79')}`)).toMatchObject({ total: 11, totalCapped: false });
  });
});

describe('CSV cells a spreadsheet would run', () => {
  it('start with an apostrophe when they begin with = + - @, a tab or a carriage return (OWASP CSV injection), and only then', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['テスト', 'a=b', ' =1', '', 'CS0000001']) expect(neutralizeFormula(cell)).toBe(cell);
  });
});
