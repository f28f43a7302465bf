import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/server/accounts/accounts.service.ts';
import { seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, mailTo, passcodeIn, startPortal, temporaryPasswordIn, type Portal } from './fixtures.ts';

describe('the portal in Japanese, in a real browser', () => {
  let portal: Portal;
  let identifier: string;
  let approver: { email: string; password: string };

  beforeAll(async () => {
    portal = await startPortal();
    identifier = (await createAccount(portal.server.db, { name: '株式会社サンプル', now: Date.now() })).customerIdentifier;
    const account = await portal.server.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    approver = await seedPerson(portal.server.db, { accountId: account.id, roles: ['approver'], language: 'ja', firstName: '太郎', lastName: '山田', email: 'yamada@sample.example' });
  });
  afterAll(() => portal?.close());

  async function logInJapanese(page: Page, email: string, password: string) {
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    const before = portal.smtp.messages.length;
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByText('メールによる追加の認証が必要です').waitFor();
    const mail = await portal.smtp.waitFor((m) => portal.smtp.messages.indexOf(m) >= before && JSON.stringify(m.to).includes(email) && (m.subject ?? '').includes('ワンタイムパスコード'));
    expect(mail.text).toContain('ログイン画面で次のワンタイムパスコードを入力');
    await page.getByLabel('ワンタイムパスコード').fill(passcodeIn(mail.text ?? ''));
    await page.getByRole('button', { name: '送信', exact: true }).click();
  }

  it('A Japanese visitor registers, a Japanese approver approves, and both work in Japanese with Japanese mails', async () => {
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByRole('link', { name: 'ログイン' }).first().waitFor();
    await expectNoAxeViolations(page, 'home (ja)');

    await page.getByRole('link', { name: '利用者登録' }).first().click();
    await page.getByRole('heading', { name: 'カスタマーサポートポータルの利用者登録' }).waitFor();
    await page.getByRole('link', { name: 'Customer Identifier を持っている' }).click();
    const form = page.getByRole('main');
    await form.getByLabel('Customer Identifier').fill(identifier);
    // A Japanese form asks the family name first, as a Japanese name is written.
    const nameLabels = await form.locator('label').allInnerTexts();
    expect(nameLabels.findIndex((label) => label.startsWith('姓'))).toBeLessThan(nameLabels.findIndex((label) => label.startsWith('名')));
    await form.getByLabel('姓', { exact: true }).fill('田中');
    await form.getByLabel('名', { exact: true }).fill('次郎');
    await form.getByLabel('業務用メールアドレス').fill('tanaka@sample.example');
    await form.getByLabel('電話番号').fill('03-1234-5678');
    await form.getByRole('radio', { name: '日本語' }).check();
    await form.getByRole('radio', { name: 'メール' }).check();
    await expectNoAxeViolations(page, 'registration form (ja)');
    await form.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByText(/登録申請 REG\d{7} を組織の登録承認者に送信しました/).waitFor();

    const review = await mailTo(portal, approver.email, '利用者登録申請の承認のお願い');
    expect(review.subject).toBe('株式会社サンプル への利用者登録申請の承認のお願い');
    expect(review.text).toContain('山田 太郎 さま');
    expect(review.text).toContain('国番号: 日本 +81');
    const link = /(http:\/\/\S+\/registration-requests\/REG\d{7})/.exec(review.text ?? '')![1]!;

    const approverPage = (await portal.newPage({ locale: 'ja-JP' })).page;
    await approverPage.goto(link);
    await logInJapanese(approverPage, approver.email, approver.password);
    await approverPage.getByRole('heading', { name: '登録申請' }).waitFor();
    await approverPage.getByText('この登録申請にはあなたの承認が必要です').waitFor();
    await expectNoAxeViolations(approverPage, 'registration request (ja)');
    await approverPage.getByRole('button', { name: '承認' }).click();
    await approverPage.getByRole('button', { name: '承認' }).waitFor({ state: 'detached' });

    const processed = await mailTo(portal, 'tanaka@sample.example', '利用者登録が完了しました');
    expect(processed.subject).toBe('利用者登録が完了しました');
    expect(processed.text).toContain('田中 次郎 さま');
    const temporary = temporaryPasswordIn(processed.text ?? '');

    await page.goto('/login');
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await logInJapanese(page, 'tanaka@sample.example', temporary);
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await expectNoAxeViolations(page, 'change password (ja)');
    await page.getByLabel('現在のパスワード').fill(temporary);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('password1234');
    await page.getByLabel('新しいパスワード(確認)').fill('password1234');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    // The server's reason appears in Japanese.
    await page.getByText(/よく使われる|推測されやすい/).first().waitFor();
    await page.getByLabel('新しいパスワード', { exact: true }).fill('夕焼けの海と白い灯台を眺める');
    await page.getByLabel('新しいパスワード(確認)').fill('夕焼けの海と白い灯台を眺める');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByRole('heading', { name: '利用規約' }).waitFor();
    await page.getByText('カスタマーサポートポータル利用規約').waitFor();
    await expectNoAxeViolations(page, 'terms (ja)');
    await page.getByRole('button', { name: '同意する' }).click();
    await page.getByRole('link', { name: 'マイケース' }).first().waitFor();
    await page.getByRole('link', { name: 'ケースの作成' }).first().waitFor();
  });

  it('A visitor switches the language, and the choice is remembered', async () => {
    const { page } = await portal.newPage({ locale: 'en-US' });
    await page.goto('/');
    await page.getByRole('link', { name: 'Register' }).first().waitFor();
    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('link', { name: '利用者登録' }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.reload();
    await page.getByRole('link', { name: '利用者登録' }).first().waitFor();
    await page.getByLabel('言語').selectOption('en');
    await page.getByRole('link', { name: 'Register' }).first().waitFor();
  });
});
