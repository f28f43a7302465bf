import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/server/cases/cases.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { downloadedText, expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

describe('My Cases as a list, in a real browser', () => {
  let portal: Portal;
  let contact: { email: string; password: string };
  let jaContact: { email: string; password: string };

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Ken', lastName: 'Mori', email: 'ken@acme.example' });
    jaContact = await seedPerson(db, { accountId: account.id, firstName: '次郎', lastName: '田中', email: 'jiro.list@acme.example', language: 'ja' });
    const ldk = (await db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => {} };
    for (const [email, subjects] of [
      [contact.email, ['テスト環境のライセンス', ...Array.from({ length: 29 }, (_, i) => `Routine question ${i + 1}`)]],
      [jaContact.email, ['ドングルが認識されない', 'テスト用ライセンスの延長']],
    ] as const) {
      const person = await db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
      for (const [i, subject] of subjects.entries()) {
        await openCase(deps, { person, roles: [] }, { type: i === 0 ? 'product_issue' : 'portal_issue', productId: i === 0 ? ldk : null, priority: i === 0 ? 1 : 3, subject, description: '—', attachmentIds: [] }, Date.now());
      }
    }
  });
  afterAll(() => portal?.close());

  it('A contact sees how many cases match, changes the page size, filters, searches in half-width kana and downloads the list', async () => {
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, contact.email, contact.password);
    await page.getByRole('link', { name: 'My Cases' }).first().click();
    await page.getByText('1–25 of 30 cases').waitFor();
    await page.getByLabel('Cases per page').selectOption('50');
    await page.getByText('1–30 of 30 cases').waitFor();
    expect(page.url()).toContain('size=50');
    await expectNoAxeViolations(page, 'My Cases with filters');

    await page.getByLabel('Priority', { exact: true }).selectOption({ label: '1 - Critical' });
    await page.getByText('1–1 of 1 case').waitFor();
    await page.getByLabel('Priority', { exact: true }).selectOption({ label: 'Any priority' });
    // The whole list first: the Critical filter's "1–1 of 1 case" must not pass for the search's.
    await page.getByText('1–30 of 30 cases').waitFor();
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('ﾃｽﾄ');
    await page.getByRole('link', { name: /CS\d{7}/ }).first().waitFor();
    await page.getByText('1–1 of 1 case').waitFor();
    await page.getByText('テスト環境のライセンス').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
    const csv = await downloadedText(download);
    expect(csv.startsWith('\uFEFFNumber,Short description,State')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('テスト環境のライセンス');

    // A product and a range of update days, kept in the address: a bookmark and "Back" show the same list.
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('');
    await page.getByText('1–30 of 30 cases').waitFor();
    await page.getByRole('combobox', { name: 'Product' }).fill('Sentinel');
    await page.getByRole('option', { name: 'Sentinel LDK' }).click();
    await page.getByText('1–1 of 1 case').waitFor();
    await page.waitForURL(/product=Sentinel\+LDK/);
    await page.reload();
    await page.getByText('1–1 of 1 case').waitFor();
    expect(await page.getByRole('combobox', { name: 'Product' }).inputValue()).toBe('Sentinel LDK');
    await page.getByLabel('Updated until').fill('2000-01-01');
    await page.getByText('No cases match these filters.').waitFor();
    await page.waitForURL(/to=2000-01-01/);
    await page.getByLabel('Updated until').fill('');
    await page.getByLabel('Updated from').fill('2000-01-01');
    await page.getByText('1–1 of 1 case').waitFor();
    await page.getByRole('link', { name: /CS\d{7}/ }).first().click();
    await page.waitForURL(/\/cases\/CS\d{7}$/);
    await page.getByText('テスト環境のライセンス').first().waitFor();
    await page.goBack();
    await page.getByText('1–1 of 1 case').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe('2000-01-01');
    expect(new URL(page.url()).searchParams.get('product')).toBe('Sentinel LDK');
  });

  it('A Japanese contact reads the count and downloads the list in Japanese', async () => {
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, jaContact.email, jaContact.password, { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' });
    await page.getByRole('link', { name: 'マイケース' }).first().click();
    await page.getByText('1–2 / 2 件').waitFor();
    await page.getByLabel('1 ページの件数').selectOption('100');
    await page.waitForURL(/size=100/);
    await page.getByLabel('優先度', { exact: true }).selectOption({ label: '1 - 緊急' });
    await page.getByText('1–1 / 1 件').waitFor();
    await page.getByLabel('優先度', { exact: true }).selectOption({ label: 'すべての優先度' });
    await page.getByText('1–2 / 2 件').waitFor();
    await page.getByRole('searchbox', { name: 'ケースを検索' }).fill('てすと');
    await page.getByText('1–1 / 1 件').waitFor();
    await expectNoAxeViolations(page, 'My Cases with filters (ja)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV でダウンロード' }).click()]);
    const csv = await downloadedText(download);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF番号,件名,状態,優先度,製品名,アカウント,コンタクト,担当者,作成日時,更新日時');
    expect(csv).toContain('テスト用ライセンスの延長');
    expect(csv).toContain('田中 次郎');
  });
});
