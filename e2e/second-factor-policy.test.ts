import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpSecret, totpCodeAt } from '../src/server/lib/totp.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { addVirtualAuthenticator, expectNoAxeViolations, logInWithEmailCode, mailTo, startPortal, type Portal } from './fixtures.ts';

const WORDS = {
  en: { email: 'Email', password: 'Password', passcode: 'One-time passcode', submit: 'Submit', code: 'Verification code', contacts: 'Contacts', rule: 'Second factor required', save: 'Save rule', saved: 'The sign-in rule was saved.', required: 'Set up the second factor your organisation requires' },
  ja: { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信', code: '確認コード', contacts: 'コンタクト', rule: '必須の二要素認証', save: 'ルールを保存', saved: 'サインイン ルールを保存しました。', required: '所属組織が求める二要素認証の設定' },
};

describe('The account’s second-factor rule, in a real browser', () => {
  let portal: Portal;
  beforeAll(async () => {
    // Passkeys need a domain as their relying party: the portal is served on localhost.
    portal = await startPortal({ hostname: 'localhost' });
  });
  afterAll(() => portal?.close());

  /**
   * An account administrator with a paired authenticator app signs in and sets the rule on the
   * Contacts page; `confirm`: as if she had signed in a while ago, she first confirms it is her.
   */
  async function setRule(language: 'en' | 'ja', accountId: number, name: { first: string; last: string; full: string }, option: string, { confirm = false } = {}) {
    const words = WORDS[language];
    const secret = generateTotpSecret();
    const admin = await seedPerson(portal.server.db, { accountId, roles: ['account_admin'], language, otpMethod: 'app', totpSecret: secret, firstName: name.first, lastName: name.last });
    const { page } = await portal.newPage(language === 'ja' ? { locale: 'ja-JP' } : {});
    await page.goto('/login');
    await page.getByLabel(words.email, { exact: true }).fill(admin.email);
    await page.getByLabel(words.password, { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: words.submit, exact: true }).click();
    await page.getByLabel(words.code).fill(totpCodeAt(secret, Date.now()));
    await page.getByRole('button', { name: words.submit, exact: true }).click();
    await page.getByRole('button', { name: name.full }).click();
    await page.getByRole('menuitem', { name: words.contacts }).click();
    await page.getByRole('heading', { level: 1, name: words.contacts }).waitFor();
    await page.getByLabel(words.rule).selectOption({ label: option });
    if (confirm) await portal.server.db.updateTable('sessions').set({ authenticated_at: Date.now() - 10 * 60_000 }).where('person_id', '=', admin.id).execute();
    await page.getByRole('button', { name: words.save }).click();
    if (confirm) {
      const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' });
      await dialog.getByText('Changing how everyone in your account signs in needs your password').waitFor();
      await dialog.getByLabel('Password', { exact: true }).fill(admin.password);
      await dialog.getByRole('button', { name: 'Continue' }).click();
      // The sign-in used this time step's code; the next is within the allowed drift.
      await dialog.getByLabel(words.code).fill(totpCodeAt(secret, Date.now() + 30_000));
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    return { admin, page };
  }

  it('An account administrator, confirming it is her, requires an authenticator app or passkey; a contact with e-mailed codes must pair an app at the next sign-in before anything else (en)', async () => {
    const accountId = (await seedAccount(portal.server.db, 'Mori Trading Co.')).id;
    const kenji = await seedPerson(portal.server.db, { accountId, firstName: 'Kenji', lastName: 'Sato' });
    const { admin, page: adminPage } = await setRule('en', accountId, { first: 'Aiko', last: 'Mori', full: 'Aiko Mori' }, 'Authenticator app or passkey', { confirm: true });
    await adminPage.getByRole('status').getByText(WORDS.en.saved).waitFor();
    await adminPage.getByRole('row', { name: /Kenji Sato/ }).getByText('Does not meet the rule').waitFor();
    await adminPage.getByRole('row', { name: /Aiko Mori/ }).getByText('Meets the rule').waitFor();
    const mail = await mailTo(portal, admin.email, 'Sign-in rule tightened for Mori Trading Co.');
    expect(mail.text).toContain('Aiko Mori tightened the sign-in rule');
    expect(mail.text).toContain('an authenticator app or a passkey');

    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, kenji.email, kenji.password);
    await page.getByRole('heading', { level: 1, name: WORDS.en.required }).waitFor();
    await page.getByRole('img', { name: /QR/ }).waitFor();
    await expectNoAxeViolations(page, 'the second factor the rule requires (en)');
    // Nothing else opens until the rule is met.
    await page.goto('/my-cases');
    await page.getByRole('heading', { level: 1, name: WORDS.en.required }).waitFor();

    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Enter the code generated by the Authenticator app below').fill(totpCodeAt(secret, Date.now()));
    await page.getByRole('button', { name: 'Pair device and Login' }).click();
    await page.getByRole('heading', { level: 1, name: 'My Cases' }).waitFor();
  });

  it('パスキーのみを必須にすると、サインイン中のアカウント管理者も、次にサインインするコンタクトもパスキーを追加するまで先に進めない (ja)', async () => {
    const accountId = (await seedAccount(portal.server.db, '森商事株式会社')).id;
    const kenji = await seedPerson(portal.server.db, { accountId, language: 'ja', firstName: '健二', lastName: '佐藤' });
    const { page: adminPage } = await setRule('ja', accountId, { first: '愛子', last: '森', full: '森 愛子' }, 'パスキーのみ');
    // The administrator's own session proved an authenticator app, which the new rule no longer accepts.
    await adminPage.getByRole('heading', { level: 1, name: WORDS.ja.required }).waitFor();

    const { page, context } = await portal.newPage({ locale: 'ja-JP' });
    const authenticator = await addVirtualAuthenticator(context, page);
    await logInWithEmailCode(portal, page, kenji.email, kenji.password, { email: WORDS.ja.email, password: WORDS.ja.password, passcode: WORDS.ja.passcode, submit: WORDS.ja.submit });
    await page.getByRole('heading', { level: 1, name: WORDS.ja.required }).waitFor();
    await expectNoAxeViolations(page, 'the second factor the rule requires (ja)');
    await page.getByRole('textbox', { name: 'パスキーの名前' }).fill('ノートPC');
    await page.getByRole('button', { name: 'パスキーを追加' }).click();
    await page.getByRole('button', { name: '佐藤 健二' }).waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
  });
});
