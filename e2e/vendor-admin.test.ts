import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const IDENTIFIER = /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/;
const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

describe('Vendor administration, in a real browser', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(() => portal?.close());

  const db = () => portal.server.db;

  /** A page of the administration area, by the link in its own menu. */
  async function openAdminPage(page: Page, link: string, heading: string, menu = 'Administration') {
    await page.getByRole('navigation', { name: menu }).getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  it('An administrator creates an account and sees its Customer Identifier, creates an agent, and reads the help requests', async () => {
    // A visitor without a Customer Identifier asks for help first.
    const visitor = (await portal.newPage()).page;
    await visitor.goto('/register/help');
    await visitor.getByLabel('Name').fill('Ken Ito');
    await visitor.getByLabel('Business Email').fill('ken.ito@initech.example');
    await visitor.getByLabel('Company').fill('Initech');
    await visitor.getByLabel('Message').fill('We lost our Customer Identifier.\nPlease send it again.');
    await visitor.getByRole('button', { name: 'Submit' }).click();
    await visitor.getByText('Message sent').waitFor();

    const admin = await seedPerson(db(), { kind: 'staff', roles: ['agent', 'admin'], firstName: 'Aiko', lastName: 'Admin', email: 'aiko.admin@vendor.example' });
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, admin.email, admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await expectNoAxeViolations(page, 'Administration');

    // Accounts: the new account's Customer Identifier is shown at once, to be handed to the customer.
    await openAdminPage(page, 'Accounts', 'Accounts');
    await expectNoAxeViolations(page, 'Accounts (empty)');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Fill in this field.').waitFor();
    await page.getByLabel('Account name').fill('Northwind Traders');
    await page.getByRole('button', { name: 'Create account' }).click();
    const created = page.getByRole('status').filter({ hasText: 'The account Northwind Traders was created.' });
    await created.waitFor();
    const shown = await created.getByLabel('Customer Identifier').inputValue();
    expect(shown).toMatch(IDENTIFIER);
    const row = await db().selectFrom('accounts').selectAll().where('name', '=', 'Northwind Traders').executeTakeFirstOrThrow();
    expect(shown).toBe(`${row.customer_identifier.slice(0, 5)}-${row.customer_identifier.slice(5)}`);
    await expectNoAxeViolations(page, 'Accounts (created)');

    // Found by its identifier typed without the dash, then renamed on its page.
    await page.getByLabel('Search accounts').fill(shown.replace('-', '').toLowerCase());
    await page.getByRole('table').getByRole('link', { name: 'Northwind Traders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders' }).waitFor();
    await page.getByText('This account has no contacts yet.').waitFor();
    await expectNoAxeViolations(page, 'account page');
    await page.getByLabel('Account name').fill('Northwind Traders K.K.');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders K.K.' }).waitFor();
    await page.getByText('The new name was saved.').waitFor();

    // Staff: the temporary password is shown once and works for the first login.
    await openAdminPage(page, 'Staff', 'Staff');
    const form = page.getByRole('region', { name: 'New staff member' });
    await form.getByRole('radio', { name: 'Agent' }).check();
    await form.getByRole('textbox', { name: 'Email' }).fill('sora.support@vendor.example');
    await form.getByLabel('First name').fill('Sora');
    await form.getByLabel('Last name').fill('Support');
    await form.getByRole('radio', { name: 'Email' }).check();
    await form.getByRole('button', { name: 'Create staff member' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Sora Support was added.' });
    await notice.waitFor();
    await notice.getByText('This password is shown only now.', { exact: false }).waitFor();
    const temporaryPassword = await notice.getByLabel('Temporary password').inputValue();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    const list = page.getByRole('region', { name: 'Agents and administrators' });
    await list.getByRole('row', { name: /Sora Support/ }).getByText('Agent', { exact: true }).waitFor();
    await list.getByRole('row', { name: /Aiko Admin/ }).getByText('You', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'Staff (created)');

    const agentPage = (await portal.newPage()).page;
    await agentPage.goto('/login');
    await agentPage.getByLabel('Email', { exact: true }).fill('sora.support@vendor.example');
    await agentPage.getByLabel('Password', { exact: true }).fill(temporaryPassword);
    await agentPage.getByRole('button', { name: 'Submit', exact: true }).click();
    await agentPage.getByText('One-time passcode').first().waitFor();

    // The same e-mail address twice is refused by name, and nothing is added.
    await form.getByRole('textbox', { name: 'Email' }).fill('SORA.SUPPORT@vendor.example');
    await form.getByLabel('First name').fill('Sora');
    await form.getByLabel('Last name').fill('Again');
    await form.getByRole('button', { name: 'Create staff member' }).click();
    await form.getByText('Someone already uses this e-mail address', { exact: false }).waitFor();
    expect(await list.getByRole('row', { name: /Sora Again/ }).count()).toBe(0);

    // Deactivating ends the agent's sign-in, so it is asked first; reactivating lets them back.
    await list.getByRole('button', { name: 'Deactivate Sora Support' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate Sora Support?' });
    await confirm.getByText('Sora Support will be signed out at once').waitFor();
    await expectNoAxeViolations(page, 'deactivation dialog');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await db().selectFrom('people').select('active').where('email', '=', 'sora.support@vendor.example').executeTakeFirstOrThrow()).active).toBe(1);
    await list.getByRole('button', { name: 'Deactivate Sora Support' }).click();
    await confirm.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await list.getByRole('button', { name: 'Reactivate Sora Support' }).waitFor();
    expect((await db().selectFrom('people').select('active').where('email', '=', 'sora.support@vendor.example').executeTakeFirstOrThrow()).active).toBe(0);
    await list.getByRole('button', { name: 'Reactivate Sora Support' }).click();
    await list.getByRole('button', { name: 'Deactivate Sora Support' }).waitFor();

    // Help requests, with everything the visitor wrote.
    await openAdminPage(page, 'Registration help', 'Registration help requests');
    const help = page.getByRole('article', { name: 'Ken Ito, Initech' });
    await help.getByRole('link', { name: 'ken.ito@initech.example' }).waitFor();
    await help.getByText('We lost our Customer Identifier.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'Registration help requests');

    // A request of an account whose only approver left: the administrator approves it.
    const lonely = await seedAccount(db(), 'Lonely Ltd');
    await db()
      .insertInto('registration_requests')
      .values({
        number: 'REG0900001',
        account_id: lonely.id,
        email: 'mika.sato@lonely.example',
        first_name: 'Mika',
        last_name: 'Sato',
        time_zone: 'Asia/Tokyo',
        country_code: 'JP',
        phone: '03-1234-5678',
        mobile: '',
        preferred_contact: 'email',
        language: 'en',
        otp_method: 'email',
        state: 'requested',
        created_at: Date.now(),
      })
      .execute();
    await openAdminPage(page, 'Registration requests', 'Registration Requests');
    await page.getByLabel('State', { exact: true }).selectOption('Requested');
    const request = page.getByRole('row', { name: /REG0900001/ });
    // Every account's requests, each with its account.
    await request.getByRole('cell', { name: 'Lonely Ltd' }).waitFor();
    await expectNoAxeViolations(page, 'Registration requests of every account');
    await request.getByRole('link', { name: 'REG0900001' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('The request was approved.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'approved request');
    expect(await db().selectFrom('people').select('account_id').where('email', '=', 'mika.sato@lonely.example').executeTakeFirstOrThrow()).toEqual({ account_id: lonely.id });
    // The new contact is on the account's page.
    await page.goto(`/admin/accounts/${lonely.id}`);
    await page.getByRole('row', { name: /mika\.sato@lonely\.example/ }).waitFor();
  });

  it('A Japanese administrator creates an account and a staff member in Japanese', async () => {
    const admin = await seedPerson(db(), { kind: 'staff', roles: ['agent', 'admin'], firstName: '花子', lastName: '管理', language: 'ja', email: 'kanri@vendor.example' });
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, admin.email, admin.password, JAPANESE_LOGIN);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理' }).click();
    await page.getByRole('heading', { level: 1, name: '管理' }).waitFor();
    await expectNoAxeViolations(page, 'Administration (ja)');

    await openAdminPage(page, 'アカウント', 'アカウント', '管理');
    await page.getByLabel('アカウント名').fill('株式会社ノースウィンド');
    await page.getByRole('button', { name: 'アカウントを作成' }).click();
    const created = page.getByRole('status').filter({ hasText: 'アカウント「株式会社ノースウィンド」を作成しました。' });
    expect(await created.getByLabel('Customer Identifier').inputValue()).toMatch(IDENTIFIER);
    await page.getByRole('table').getByRole('link', { name: '株式会社ノースウィンド' }).waitFor();
    await expectNoAxeViolations(page, 'Accounts (ja)');

    await openAdminPage(page, 'スタッフ', 'スタッフ', '管理');
    const form = page.getByRole('region', { name: '新しいスタッフ' });
    await form.getByRole('radio', { name: '管理者' }).check();
    await form.getByRole('textbox', { name: 'メールアドレス' }).fill('jiro.kanri@vendor.example');
    await form.getByLabel('名', { exact: true }).fill('次郎');
    await form.getByLabel('姓', { exact: true }).fill('管理');
    await form.getByRole('radio', { name: '認証アプリ' }).check();
    await form.getByRole('radio', { name: '日本語' }).check();
    await form.getByLabel('タイムゾーン', { exact: true }).fill('Asia/Tok');
    await page.getByRole('option', { name: 'Asia/Tokyo', exact: true }).click();
    await form.getByRole('button', { name: 'スタッフを作成' }).click();
    await page.getByRole('status').filter({ hasText: '管理 次郎 さんを追加しました。' }).getByLabel('仮パスワード').waitFor();
    const newRow = page.getByRole('row', { name: /jiro\.kanri@vendor\.example/ });
    await newRow.getByText('管理者', { exact: true }).waitFor();
    await newRow.getByText('日本語 · Asia/Tokyo').waitFor();
    await page.getByRole('button', { name: '管理 花子', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'Staff (ja)');

    await openAdminPage(page, '登録申請', '登録申請', '管理');
    await expectNoAxeViolations(page, 'Registration requests (ja)');
    await openAdminPage(page, '登録サポート', '登録サポートの依頼', '管理');
    await page.getByRole('article').first().waitFor();
    await expectNoAxeViolations(page, 'Registration help requests (ja)');
    await openAdminPage(page, '製品', '製品', '管理');
    await expectNoAxeViolations(page, 'Products (ja)');

    // A Japanese desk reads times as it writes them: 2026/12/06 11:41 JST, not 2:41 AM.
    await page.goto('/my-account');
    await page.getByText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST$/).first().waitFor();
  });
});
