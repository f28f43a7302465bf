import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { casewayInProcess, casewayProcess } from './test/cli.ts';
import { createTestDatabase, databaseKinds } from './test/helpers.ts';

describe('the caseway command line', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const caseway = (...args: string[]) => casewayWith({}, ...args);
  const casewayWith = (env: Record<string, string>, ...args: string[]) => casewayInProcess({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env }, ...args);

  const installed = (...args: string[]) => casewayProcess({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, ...args);

  it('migrates, then says the database is up to date; the installed command exits 2 on bad input', async () => {
    const first = await installed('migrate');
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration\(s\): 0001_identity, 0002_cases, 0003_knowledge/) });
    expect((await caseway('migrate')).stdout).toBe('The database is up to date.\n');
    expect(await installed('frobnicate')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/Unknown command: frobnicate/) });
  });

  it('creates an account, contacts, staff and a product, each answering one line', async () => {
    const account = await caseway('account', 'create', '--name', 'Acme Japan K.K.');
    expect(account.code).toBe(0);
    expect(account.stdout).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\n$/);
    const identifier = account.stdout.trim();

    // Lower case and without the dash works too.
    const contact = await caseway('contact', 'create', '--account', identifier.replace('-', '').toLowerCase(), '--email', 'Taro@Acme.example', '--first-name', 'Taro', '--last-name', 'Yamada', '--roles', 'approver,account-admin', '--language', 'ja', '--otp', 'app');
    expect(contact.code).toBe(0);
    expect(contact.stdout).toMatch(/^\S{20}\n$/);

    const staff = await caseway('staff', 'create', '--email', 'agent@vendor.example', '--first-name', 'Ai', '--last-name', 'Agent', '--role', 'agent');
    expect(staff.stdout).toMatch(/^\S{20}\n$/);
    // A Japanese desk: in Japanese and Tokyo time, chosen, or by the installation's DEFAULT_TIME_ZONE.
    await caseway('staff', 'create', '--email', 'desk@vendor.example', '--first-name', '花子', '--last-name', '鈴木', '--role', 'agent', '--language', 'ja', '--time-zone', 'Asia/Tokyo');
    await casewayWith({ DEFAULT_TIME_ZONE: 'Asia/Tokyo' }, 'staff', 'create', '--email', 'osaka@vendor.example', '--first-name', 'Ken', '--last-name', 'Ono', '--role', 'admin');
    const product = await caseway('product', 'create', '--name', 'Sentinel LDK');
    expect(product).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created product \d+: Sentinel LDK\n$/) });

    const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
    const taro = await db.selectFrom('people').selectAll().where('email', '=', 'taro@acme.example').executeTakeFirstOrThrow();
    expect(taro).toMatchObject({ kind: 'contact', language: 'ja', otp_method: 'app', password_must_change: 1 });
    const roles = await db.selectFrom('person_roles').select('role').where('person_id', '=', taro.id).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['account_admin', 'approver']);
    const zones = await db.selectFrom('people').select(['email', 'language', 'time_zone']).where('kind', '=', 'staff').orderBy('email').execute();
    expect(zones).toEqual([
      { email: 'agent@vendor.example', language: 'en', time_zone: 'UTC' },
      { email: 'desk@vendor.example', language: 'ja', time_zone: 'Asia/Tokyo' },
      { email: 'osaka@vendor.example', language: 'en', time_zone: 'Asia/Tokyo' },
    ]);
    await db.destroy();

    const duplicate = await caseway('contact', 'create', '--account', identifier, '--email', 'taro@acme.example', '--first-name', 'T', '--last-name', 'Y');
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/already registered/);
    expect(duplicate.stdout).toBe('');
    const duplicateProduct = await caseway('product', 'create', '--name', 'Sentinel LDK');
    expect(duplicateProduct).toMatchObject({ code: 2, stderr: expect.stringMatching(/already exists/) });
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const unknown = await caseway('contact', 'create', '--account', 'ZZZZZ-ZZZZZ', '--email', 'x@example.com', '--first-name', 'X', '--last-name', 'Y');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/No account has the Customer Identifier ZZZZZ-ZZZZZ/) });
    const badRole = await caseway('staff', 'create', '--email', 's@example.com', '--first-name', 'S', '--last-name', 'T', '--role', 'boss');
    expect(badRole).toMatchObject({ code: 2, stderr: expect.stringMatching(/--role must be agent or admin/) });
    const missing = await caseway('account', 'create');
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/--name NAME is required/) });
    const badEmail = await caseway('staff', 'create', '--email', 'nope', '--first-name', 'S', '--last-name', 'T', '--role', 'agent');
    expect(badEmail.stderr).toMatch(/--email must be an e-mail address/);
    const badZone = await caseway('staff', 'create', '--email', 's@example.com', '--first-name', 'S', '--last-name', 'T', '--role', 'agent', '--time-zone', 'Tokyo');
    expect(badZone).toMatchObject({ code: 2, stderr: expect.stringMatching(/--time-zone must be an IANA time zone such as Asia\/Tokyo/) });
    const command = await caseway('frobnicate');
    expect(command).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command: frobnicate/) });
  });

  it('imports a knowledge base from JSON Lines, or nothing when a line is bad', async () => {
    expect((await caseway('product', 'create', '--name', 'HASP HL')).code).toBe(0);
    const article = (fields: Record<string, unknown>) => JSON.stringify({ title: 'Resetting a password', body: '# Steps\nUse **Forgot your password?**', language: 'en', visibility: 'public', state: 'published', products: ['HASP HL'], ...fields });
    const good = path.join(dataDir, 'good.jsonl');
    fs.writeFileSync(good, [article({}), '', article({ title: 'パスワードの再設定', language: 'ja', products: [] }), article({ title: 'Internal notes', visibility: 'internal', state: 'draft' })].join('\n') + '\n');
    expect(await caseway('kb', 'import', good)).toMatchObject({ code: 0, stdout: 'Imported 3 article(s).\n' });

    const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
    const count = async () => Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const imported = await db.selectFrom('articles').select(['number', 'title', 'state', 'visibility', 'published_at']).orderBy('id').execute();
    expect(imported.map((a) => a.number)).toEqual(['KB0000001', 'KB0000002', 'KB0000003']);
    expect(imported[2]).toMatchObject({ title: 'Internal notes', state: 'draft', visibility: 'internal', published_at: null });
    expect(await db.selectFrom('article_revisions').select('article_id').execute()).toHaveLength(3);
    expect(await db.selectFrom('article_products').select('article_id').execute()).toHaveLength(2);

    const bad = path.join(dataDir, 'bad.jsonl');
    fs.writeFileSync(bad, [article({}), '{"title": "broken', article({ products: ['No Such Product'] }), article({ title: '  ' }), article({ title: 'x'.repeat(201) }), JSON.stringify({ title: 'No body' }), article({ language: 'fr' }), article({ author: 'someone' })].join('\n'));
    const refused = await caseway('kb', 'import', bad);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    for (const expected of [/line 2: not valid JSON/, /line 3: no product is named "No Such Product"/, /line 4: title must not be empty/, /line 5: title has at most 200 characters/, /line 6: body is required/, /line 7: language must be "en" or "ja"/, /line 8: unknown field "author"/]) expect(refused.stderr).toMatch(expected);
    expect(refused.stderr).not.toMatch(/line 1:/);
    expect(await count()).toBe(3);
    await db.destroy();

    expect(await caseway('kb', 'import', path.join(dataDir, 'missing.jsonl'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/Cannot read .*missing\.jsonl: ENOENT/) });
    expect(await caseway('kb', 'import')).toMatchObject({ code: 2, stderr: expect.stringMatching(/kb import takes one FILE/) });
  });
});

describe.each(databaseKinds)('caseway staff create in a language and time zone (%s)', { timeout: 120_000 }, (kind) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // The command line finds SQLite as DATA_DIR/caseway.sqlite, which it makes and migrates itself; PostgreSQL by its URL.
    if (kind === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-cli-'));
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      expect((await casewayInProcess({ ...process.env, ...env }, 'migrate')).code).toBe(0);
      cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    } else {
      const database = await createTestDatabase(kind);
      env = { DATABASE_URL: database.url! };
      cleanup = database.cleanup;
    }
  });
  afterAll(() => cleanup());

  const staffCreate = (extraEnv: Record<string, string>, ...args: string[]) => casewayInProcess({ ...process.env, ...env, ...extraEnv }, 'staff', 'create', '--role', 'agent', ...args);
  const stored = async (email: string) => {
    const db = kind === 'sqlite' ? openDatabase({ kind: 'sqlite', file: path.join(env.DATA_DIR!, 'caseway.sqlite') }) : openDatabase({ kind: 'postgres', url: env.DATABASE_URL!, poolSize: 1 });
    try {
      return await db.selectFrom('people').select(['language', 'time_zone']).where('email', '=', email).executeTakeFirst();
    } finally {
      await db.destroy();
    }
  };

  it('stores the language and zone given, or DEFAULT_TIME_ZONE, and refuses an unknown one with a message naming the flag', async () => {
    expect((await staffCreate({}, '--email', 'desk@vendor.example', '--first-name', '愛子', '--last-name', '田中', '--language', 'ja', '--time-zone', 'Asia/Tokyo')).code).toBe(0);
    expect(await stored('desk@vendor.example')).toEqual({ language: 'ja', time_zone: 'Asia/Tokyo' });
    expect((await staffCreate({ DEFAULT_TIME_ZONE: 'Asia/Tokyo' }, '--email', 'osaka@vendor.example', '--first-name', 'Ken', '--last-name', 'Ono')).code).toBe(0);
    expect(await stored('osaka@vendor.example')).toEqual({ language: 'en', time_zone: 'Asia/Tokyo' });

    const badZone = await staffCreate({}, '--email', 'x@vendor.example', '--first-name', 'X', '--last-name', 'Y', '--time-zone', 'JST');
    expect(badZone).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--time-zone must be an IANA time zone such as Asia\/Tokyo/) });
    const badLanguage = await staffCreate({}, '--email', 'x@vendor.example', '--first-name', 'X', '--last-name', 'Y', '--language', 'fr');
    expect(badLanguage).toMatchObject({ code: 2, stdout: '' });
    expect(badLanguage.stderr).toMatch(/--language/);
    expect(await stored('x@vendor.example')).toBeUndefined();
  });
});
