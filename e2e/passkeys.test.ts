import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { addVirtualAuthenticator, expectNoAxeViolations, expectVisibleFocusThroughout, logInWithEmailCode, mailTo, startPortal, type Portal } from './fixtures.ts';

const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

/** The words each story finds the controls by, in the page's language. */
const WORDS = {
  en: {
    menu: 'My Account',
    logout: 'Logout',
    login: 'Login',
    section: 'Passkeys',
    name: 'Name',
    add: 'Add a passkey',
    added: 'Passkey “MacBook” added. You can now sign in with it.',
    never: 'Never',
    rename: (name: string) => `Rename ${name}`,
    newName: (name: string) => `New name for ${name}`,
    save: 'Save',
    remove: (name: string) => `Remove ${name}`,
    none: 'You have no passkeys.',
    signIn: 'Sign in with a passkey',
    instead: 'Use a passkey instead',
    fullName: 'Kenji Mori',
  },
  ja: {
    menu: 'マイアカウント',
    logout: 'ログアウト',
    login: 'ログイン',
    section: 'パスキー',
    name: '名前',
    add: 'パスキーを追加',
    added: 'パスキー「MacBook」を追加しました。今後はこのパスキーでログインできます。',
    never: '未使用',
    rename: (name: string) => `${name}の名前を変更`,
    newName: (name: string) => `${name}の新しい名前`,
    save: '保存',
    remove: (name: string) => `${name}を削除`,
    none: 'パスキーはありません。',
    signIn: 'パスキーでログイン',
    instead: '代わりにパスキーを使う',
    fullName: '鈴木 花子',
  },
};

describe('Passkeys, in a real browser', () => {
  let portal: Portal;
  let accountId: number;
  beforeAll(async () => {
    portal = await startPortal({ hostname: 'localhost' });
    accountId = (await seedAccount(portal.server.db, 'Mori Trading Co.')).id;
  });
  afterAll(() => portal?.close());

  for (const [language, words] of Object.entries(WORDS) as Array<[keyof typeof WORDS, (typeof WORDS)['en']]>) {
    it(`A contact adds a passkey in My Account, renames it, signs in with it alone${language === 'ja' ? ' and as the second factor' : ''}, and removes it (${language})`, async () => {
      const person = await seedPerson(portal.server.db, { accountId, language, firstName: language === 'ja' ? '花子' : 'Kenji', lastName: language === 'ja' ? '鈴木' : 'Mori' });
      const { page, context } = await portal.newPage(language === 'ja' ? { locale: 'ja-JP' } : {});
      const authenticator = await addVirtualAuthenticator(context, page);
      await page.goto('/login');
      await logInWithEmailCode(portal, page, person.email, person.password, language === 'ja' ? JAPANESE_LOGIN : undefined);
      await page.getByRole('button', { name: words.fullName }).click();
      await page.getByRole('menuitem', { name: words.menu }).click();
      const section = page.getByRole('region', { name: words.section, exact: true });
      await section.getByText(words.none).waitFor();

      await section.getByRole('textbox', { name: words.name }).fill('MacBook');
      await section.getByRole('button', { name: words.add }).click();
      await section.getByRole('status').getByText(words.added).waitFor();
      await section.getByRole('rowheader', { name: 'MacBook' }).waitFor();
      await section.getByRole('cell', { name: words.never }).waitFor();
      expect(await authenticator.credentials()).toHaveLength(1);
      await expectNoAxeViolations(page, `Passkeys in My Account (${language})`);
      if (language === 'en') {
        await expectVisibleFocusThroughout(page, 'My Account with a passkey', 120);
        // On a phone the list scrolls inside its own box; the page does not scroll sideways.
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        await expectNoAxeViolations(page, 'Passkeys in My Account at 390 px');
        await page.setViewportSize({ width: 1280, height: 720 });
      }

      await section.getByRole('button', { name: words.rename('MacBook') }).click();
      await section.getByRole('textbox', { name: words.newName('MacBook') }).fill('Work MacBook');
      await section.getByRole('button', { name: words.save }).click();
      await section.getByRole('rowheader', { name: 'Work MacBook' }).waitFor();

      // Signed out, the passkey alone signs in: no address, no password, no code.
      await page.getByRole('button', { name: words.fullName }).click();
      await page.getByRole('menuitem', { name: words.logout }).click();
      await page.getByRole('link', { name: words.login }).click();
      await expectNoAxeViolations(page, `login with the passkey button (${language})`);
      await page.getByRole('button', { name: words.signIn }).click();
      await page.getByRole('button', { name: words.fullName }).waitFor();

      if (language === 'ja') {
        // After the password, the passkey stands in for the e-mailed code.
        await page.getByRole('button', { name: words.fullName }).click();
        await page.getByRole('menuitem', { name: words.logout }).click();
        await page.goto('/login');
        await page.getByLabel(JAPANESE_LOGIN.email, { exact: true }).fill(person.email);
        await page.getByLabel(JAPANESE_LOGIN.password, { exact: true }).fill(person.password);
        await page.getByRole('button', { name: JAPANESE_LOGIN.submit, exact: true }).click();
        await mailTo(portal, person.email, 'ワンタイムパスコード');
        const instead = page.getByRole('button', { name: words.instead });
        await instead.waitFor();
        await expectNoAxeViolations(page, 'the code step with a passkey offered (ja)');
        await instead.click();
        await page.getByRole('button', { name: words.fullName }).waitFor();
      }

      await page.getByRole('button', { name: words.fullName }).click();
      await page.getByRole('menuitem', { name: words.menu }).click();
      await section.getByRole('rowheader', { name: 'Work MacBook' }).waitFor();
      await expect.poll(() => section.getByRole('cell', { name: words.never }).count()).toBe(0);

      // Signed in by the passkey just now, so removing it needs no "Confirm it's you".
      await section.getByRole('button', { name: words.remove('Work MacBook') }).click();
      await section.getByText(words.none).waitFor();
    });
  }
});
