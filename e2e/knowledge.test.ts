import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createArticle } from '../src/server/knowledge/knowledge.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

describe('the knowledge base, in a real browser', () => {
  let portal: Portal;
  let agent: { email: string; password: string };
  let contact: { email: string; password: string };

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    agent = await seedPerson(db, { kind: 'staff', roles: ['agent'], firstName: 'Ai', lastName: 'Agent', email: 'ai.agent@vendor.example' });
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Hanako', lastName: 'Suzuki', email: 'hanako@acme.example' });
  });
  afterAll(() => portal?.close());

  async function expectNoScriptRan(page: Page) {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  }

  async function writeArticle(page: Page, article: { title: string; body: string; language: 'en' | 'ja'; visibility: 'public' | 'customers' | 'internal' }) {
    await page.goto('/kb');
    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByRole('heading', { name: 'New article', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Title' }).fill(article.title);
    await page.getByRole('textbox', { name: 'Body' }).fill(article.body);
    await page.getByLabel('Article language', { exact: true }).selectOption(article.language);
    await page.getByLabel('Visibility', { exact: true }).selectOption(article.visibility);
    await page.getByLabel('State', { exact: true }).selectOption('published');
  }

  async function save(page: Page, title: string): Promise<string> {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.waitForURL(/\/kb\/KB\d{7}$/);
    return /KB\d{7}/.exec(page.url())![0];
  }

  it('An agent writes a Japanese article with a live preview and a visitor finds it by a word inside it', async () => {
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, agent.email, agent.password);
    await page.getByRole('button', { name: 'Ai Agent' }).waitFor();

    await writeArticle(page, {
      title: 'パスワードのリセット',
      body: '**重要**: パスワードを忘れた場合は、ログイン画面からリセットしてください。\n\n<script>window.__xss=1</script>\n\n[詳しくはこちら](https://example.com/help)',
      language: 'ja',
      visibility: 'public',
    });
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('strong', { hasText: '重要' }).waitFor();
    expect(await preview.locator('script').count()).toBe(0);
    expect(await preview.getByRole('link', { name: '詳しくはこちら' }).getAttribute('rel')).toBe('noopener noreferrer');
    await expectNoScriptRan(page);
    await expectNoAxeViolations(page, 'article editor');
    const number = await save(page, 'パスワードのリセット');
    await page.getByText('Views and votes').waitFor();
    await expectNoScriptRan(page);
    await expectNoAxeViolations(page, 'article (agent)');

    // Editing starts from the saved article.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: `Edit article ${number}`, level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('パスワードのリセット');
    await page.getByRole('region', { name: 'Preview' }).locator('strong', { hasText: '重要' }).waitFor();
    await save(page, 'パスワードのリセット');

    // A customers-only article.
    await writeArticle(page, { title: 'ドングルの交換手順', body: 'ドングルが故障した場合の交換手順です。', language: 'ja', visibility: 'customers' });
    const customersOnly = await save(page, 'ドングルの交換手順');

    // A visitor, not signed in, searches from the home page.
    const visitor = (await portal.newPage()).page;
    await visitor.goto('/');
    await visitor.getByRole('searchbox', { name: 'Search the knowledge base' }).fill('ﾊﾟｽﾜｰﾄﾞ');
    await visitor.getByRole('button', { name: 'Search', exact: true }).click();
    await visitor.waitForURL(/\/kb\?q=/);
    await visitor.getByRole('heading', { name: 'Knowledge Base', level: 1 }).waitFor();
    const result = visitor.getByRole('link', { name: 'パスワードのリセット' });
    await result.waitFor();
    expect(await visitor.locator('mark').count()).toBeGreaterThan(0);
    expect(await visitor.getByRole('button', { name: 'New article' }).count()).toBe(0);
    await expectNoAxeViolations(visitor, 'Knowledge Base (visitor)');
    await result.click();
    await visitor.waitForURL(new RegExp(`/kb/${number}$`));
    await visitor.getByRole('heading', { name: 'パスワードのリセット', level: 1 }).waitFor();
    await visitor.locator('strong', { hasText: '重要' }).waitFor();
    await expectNoScriptRan(visitor);
    await expectNoAxeViolations(visitor, 'article (visitor)');

    // The customers-only article is not found by a visitor.
    await visitor.goto('/kb?q=ドングル');
    await visitor.getByText('No articles match your search.').waitFor();

    // The Knowledge Base in Japanese.
    const jaPage = (await portal.newPage({ locale: 'ja-JP' })).page;
    await jaPage.goto(`/kb?q=${encodeURIComponent('パスワード')}`);
    await jaPage.getByRole('heading', { name: 'ナレッジベース', level: 1 }).waitFor();
    await jaPage.getByRole('link', { name: 'パスワードのリセット' }).waitFor();
    await expectNoAxeViolations(jaPage, 'Knowledge Base (ja)');
    // Typed in hiragana, found in katakana, and only the word searched is marked.
    await jaPage.goto(`/kb?q=${encodeURIComponent('ぱすわーど')}`);
    await jaPage.getByRole('link', { name: 'パスワードのリセット' }).waitFor();
    expect(new Set(await jaPage.locator('mark').allInnerTexts())).toEqual(new Set(['パスワード']));

    // A signed-in contact finds the customers-only article and votes on it.
    const contactPage = (await portal.newPage()).page;
    await logInWithEmailCode(portal, contactPage, contact.email, contact.password);
    await contactPage.getByRole('button', { name: 'Hanako Suzuki' }).waitFor();
    await contactPage.goto('/kb?q=ドングル');
    await contactPage.getByRole('link', { name: 'ドングルの交換手順' }).click();
    await contactPage.waitForURL(new RegExp(`/kb/${customersOnly}$`));
    await contactPage.getByRole('heading', { name: 'Was this article helpful?' }).waitFor();
    await contactPage.getByRole('button', { name: 'Yes', exact: true }).click();
    await contactPage.getByText('Thank you for your feedback.').waitFor();
    await expectNoAxeViolations(contactPage, 'article (contact)');

    // Create Case suggests articles under the subject, under a heading of their own.
    await contactPage.goto('/create-case');
    await contactPage.getByRole('textbox', { name: 'Subject' }).fill('ドングルの交換');
    const related = contactPage.getByRole('region', { name: 'Related articles' });
    await related.getByRole('heading', { name: 'Related articles' }).waitFor();
    await related.getByRole('link', { name: 'ドングルの交換手順' }).waitFor();
  });

  it('A visitor narrows the knowledge base to one product, in English and in Japanese', async () => {
    const db = portal.server.db;
    const product = async (name: string, active = 1) => (await db.insertInto('products').values({ name, active, created_at: Date.now() }).returning('id').executeTakeFirstOrThrow()).id;
    const ldk = await product('Sentinel LDK');
    const rms = await product('Sentinel RMS');
    await product('Sentinel SuperPro', 0);
    const author = await db.selectFrom('people').selectAll().where('email', '=', agent.email).executeTakeFirstOrThrow();
    const publish = (title: string, language: 'en' | 'ja', productIds: number[]) =>
      createArticle(db, { person: author, roles: ['agent'] }, { title, body: 'Steps to follow.', language, visibility: 'public', state: 'published', productIds }, Date.now());
    await publish('Activating a Sentinel LDK license', 'en', [ldk]);
    await publish('Activating a Sentinel RMS license server', 'en', [rms]);
    await publish('Sentinel LDK ライセンスの有効化', 'ja', [ldk]);
    await publish('Sentinel RMS ライセンスサーバーの有効化', 'ja', [rms]);

    const { page } = await portal.newPage();
    await page.goto('/kb?q=activating');
    const ldkArticle = page.getByRole('link', { name: 'Activating a Sentinel LDK license' });
    const rmsArticle = page.getByRole('link', { name: 'Activating a Sentinel RMS license server' });
    await ldkArticle.waitFor();
    await rmsArticle.waitFor();
    const filter = page.getByRole('combobox', { name: 'Product' });
    await filter.click();
    await page.getByRole('option', { name: 'Sentinel RMS' }).waitFor();
    // A retired product is no choice.
    expect(await page.getByRole('option', { name: 'Sentinel SuperPro' }).count()).toBe(0);
    await filter.fill('ldk');
    await page.getByRole('option', { name: 'Sentinel LDK' }).click();
    await rmsArticle.waitFor({ state: 'detached' });
    await ldkArticle.waitFor();
    await expectNoAxeViolations(page, 'Knowledge Base filtered by product (visitor)');
    await page.getByRole('button', { name: 'Clear the product' }).click();
    await rmsArticle.waitFor();

    const jaPage = (await portal.newPage({ locale: 'ja-JP' })).page;
    await jaPage.goto(`/kb?q=${encodeURIComponent('有効化')}`);
    const jaRms = jaPage.getByRole('link', { name: 'Sentinel RMS ライセンスサーバーの有効化' });
    await jaRms.waitFor();
    await jaPage.getByRole('combobox', { name: '製品' }).fill('RMS');
    await jaPage.getByRole('option', { name: 'Sentinel RMS' }).click();
    await jaPage.getByRole('link', { name: 'Sentinel LDK ライセンスの有効化' }).waitFor({ state: 'detached' });
    await jaRms.waitFor();
    await expectNoAxeViolations(jaPage, 'Knowledge Base filtered by product (visitor, ja)');
  });
});
