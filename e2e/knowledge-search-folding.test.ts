import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

describe('knowledge search in Japanese forms, and right after an import, in a real browser', () => {
  let portal: Portal;

  /** `caseway kb import` as an operator runs it: another process, writing to the portal's database. */
  const importArticles = async (name: string, articles: Array<Record<string, unknown>>) => {
    const file = path.join(portal.dataDir, name);
    fs.writeFileSync(file, articles.map((article) => JSON.stringify({ language: 'ja', visibility: 'public', state: 'published', products: [], ...article })).join('\n'));
    const { stdout } = await run(process.execPath, [path.join(root, 'bin/caseway.js'), 'kb', 'import', file], { env: { ...process.env, DATA_DIR: portal.dataDir, DATABASE_URL: '' } });
    expect(stdout.trim()).toBe(`Imported ${articles.length} article(s).`);
  };

  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(() => portal?.close());

  it('A visitor searches before and after an import, and the first search after it shows the article', async () => {
    const { page } = await portal.newPage();
    await page.goto('/');
    const search = async (words: string) => {
      await page.getByRole('searchbox', { name: 'Search the knowledge base' }).fill(words);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
    };
    await search('onboarding checklist');
    await page.getByText('No articles match your search.').waitFor();
    // Away from the search, as a visitor does while the operator imports.
    await page.getByRole('link', { name: 'Knowledge Base' }).first().click();
    await page.getByText('No articles match your search.').waitFor({ state: 'detached' });

    await importArticles('onboarding.jsonl', [{ title: 'Onboarding checklist', body: 'Everything a new administrator sets up first.', language: 'en' }]);
    // From here on, any "no results" the page shows, however briefly, is recorded.
    await page.evaluate(() => {
      const seen = window as unknown as { sawNoResults: boolean };
      seen.sawNoResults = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes('No articles match your search.')) seen.sawNoResults = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await search('onboarding checklist');
    await page.getByRole('link', { name: 'Onboarding checklist' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawNoResults: boolean }).sawNoResults)).toBe(false);
    await expectNoAxeViolations(page, 'Knowledge Base after an import');
  });

  it('A Japanese visitor types ライセンス in hiragana and sees the word marked whole; a contact sees related articles under the subject', async () => {
    await importArticles('license.jsonl', [
      { title: 'ライセンスの更新手順', body: 'インストールの後、管理画面でライセンスを更新します。' },
      { title: 'ドライバーのインストール', body: 'インストーラーを実行します。', visibility: 'customers' },
    ]);
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'ナレッジベースを検索' }).fill('らいせんす');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    const results = page.getByRole('region', { name: /らいせんす/ });
    await results.getByRole('link', { name: 'ライセンスの更新手順' }).waitFor();
    // Only the word: not the ンス of インストール, which ライセンス's character pairs would mark.
    expect(await results.locator('mark').allInnerTexts()).toEqual(['ライセンス']);
    await expectNoAxeViolations(page, 'Knowledge Base, hiragana search (ja)');

    const account = await seedAccount(portal.server.db, '株式会社テスト');
    const contact = await seedPerson(portal.server.db, { accountId: account.id, firstName: '花子', lastName: '佐藤', email: 'hanako.kb@example.jp', language: 'ja' });
    const contactPage = (await portal.newPage({ locale: 'ja-JP' })).page;
    await contactPage.goto('/login');
    await logInWithEmailCode(portal, contactPage, contact.email, contact.password, { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' });
    await contactPage.goto('/create-case');
    await contactPage.getByRole('textbox', { name: '件名' }).fill('ﾄﾞﾗｲﾊﾞｰ いんすとーる');
    const related = contactPage.getByRole('region', { name: '関連するナレッジ記事' });
    await related.getByRole('heading', { name: '関連するナレッジ記事' }).waitFor();
    await related.getByRole('link', { name: 'ドライバーのインストール' }).waitFor();
    await expectNoAxeViolations(contactPage, 'Create Case with related articles (ja)');
  });
});
