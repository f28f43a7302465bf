import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

/** The words each story finds the controls by, in the page's language. */
const WORDS = {
  en: { menu: 'My Account', section: 'API tokens', name: 'Name', days: '30 days', create: 'Create token', never: 'Never', revoke: (name: string) => `Revoke ${name}`, none: 'You have no API tokens.' },
  ja: { menu: 'マイアカウント', section: 'APIトークン', name: '名前', days: '30日', create: 'トークンを作成', never: '未使用', revoke: (name: string) => `${name}を失効させる`, none: 'APIトークンはありません。' },
};

/**
 * What a monitoring tool does with the token: a plain fetch with the Authorization header and no
 * cookie (a request carrying both is refused).
 */
const callApi = (page: Page, token: string) =>
  page.evaluate(async (bearer) => {
    const response = await fetch('/api/cases', { headers: { authorization: `Bearer ${bearer}` }, credentials: 'omit' });
    return { status: response.status, body: (await response.json()) as { message?: string; items?: unknown[] } };
  }, token);

describe('API tokens, in a real browser', () => {
  let portal: Portal;
  let accountId: number;
  beforeAll(async () => {
    portal = await startPortal();
    accountId = (await seedAccount(portal.server.db, 'Mori Trading Co.')).id;
  });
  afterAll(() => portal?.close());

  for (const [language, words] of Object.entries(WORDS) as Array<[keyof typeof WORDS, (typeof WORDS)['en']]>) {
    it(`A contact makes an API token, sees it once, uses it, revokes it and sees it refused (${language})`, async () => {
      const person = await seedPerson(portal.server.db, { accountId, language, firstName: language === 'ja' ? '花子' : 'Kenji', lastName: language === 'ja' ? '鈴木' : 'Mori' });
      const { page } = await portal.newPage(language === 'ja' ? { locale: 'ja-JP' } : {});
      await page.goto('/login');
      await logInWithEmailCode(portal, page, person.email, person.password, language === 'ja' ? JAPANESE_LOGIN : undefined);
      await page.getByRole('button', { name: language === 'ja' ? '鈴木 花子' : 'Kenji Mori' }).click();
      await page.getByRole('menuitem', { name: words.menu }).click();
      const section = page.getByRole('region', { name: words.section });
      await section.getByText(words.none).waitFor();

      await section.getByRole('textbox', { name: words.name }).fill('Monitoring');
      await section.getByRole('radio', { name: words.days }).check();
      await section.getByRole('button', { name: words.create }).click();
      const shown = section.getByTestId('new-access-token');
      const token = (await shown.innerText()).trim();
      expect(token).toMatch(/^cw_pat_/);
      await expectNoAxeViolations(page, `API tokens (${language})`);
      await section.getByRole('rowheader', { name: 'Monitoring' }).waitFor();
      await section.getByRole('cell', { name: words.never }).waitFor();

      // Shown once: after a reload the page holds the token's name, never the token.
      await page.reload();
      await section.getByRole('rowheader', { name: 'Monitoring' }).waitFor();
      expect(await page.content()).not.toContain(token);

      const used = await callApi(page, token);
      expect(used.status).toBe(200);
      expect(used.body.items).toEqual([]);
      await page.reload();
      await section.getByRole('rowheader', { name: 'Monitoring' }).waitFor();
      await expect.poll(() => section.getByRole('cell', { name: words.never }).count()).toBe(0);

      await section.getByRole('button', { name: words.revoke('Monitoring') }).click();
      await section.getByText(words.none).waitFor();
      const refused = await callApi(page, token);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toBe('This access token was revoked. Create a new one in My Account.');
    });
  }
});
