import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/server/accounts/accounts.service.ts';
import { seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

describe('Contacts, in a real browser', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(() => portal?.close());

  async function newAccount(name: string) {
    await createAccount(portal.server.db, { name, now: Date.now() });
    return (await portal.server.db.selectFrom('accounts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  }
  const rolesOf = async (personId: number) =>
    (await portal.server.db.selectFrom('person_roles').select('role').where('person_id', '=', personId).orderBy('role').execute()).map((row) => row.role);
  const isActive = async (personId: number) => (await portal.server.db.selectFrom('people').select('active').where('id', '=', personId).executeTakeFirstOrThrow()).active === 1;

  /**
   * Clicks a role switch where a person does. Its input is invisible and wider than its track, and with
   * some fonts the switch's own track lies over the input's middle, which Playwright's check of
   * what a click would hit refuses; the click lands on the track inside the switch's label, which
   * toggles it as it does for a person.
   */
  const toggle = (control: Locator) => control.click({ force: true });

  async function openFromUserMenu(page: Page, fullName: string, menuItem: string, heading: string) {
    await page.getByRole('button', { name: fullName }).click();
    await page.getByRole('menuitem', { name: menuItem }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  it('An account administrator deactivates and reactivates a contact, grants a role, and sees the account’s registration requests', async () => {
    const accountId = await newAccount('Mori Trading Co.');
    const admin = await seedPerson(portal.server.db, { accountId, roles: ['account_admin'], firstName: 'Aiko', lastName: 'Mori', email: 'aiko.mori@mori.example' });
    const kenji = await seedPerson(portal.server.db, { accountId, firstName: 'Kenji', lastName: 'Sato', email: 'kenji.sato@mori.example' });
    await seedPerson(portal.server.db, { accountId, roles: ['approver'], firstName: 'Taro', lastName: 'Yamada', email: 'taro.yamada@mori.example' });
    const now = Date.now();
    await portal.server.db
      .insertInto('registration_requests')
      .values([
        { number: 'REG0000901', state: 'requested' as const, decided_by: null, decided_at: null },
        { number: 'REG0000902', state: 'approved' as const, decided_by: admin.id, decided_at: Date.UTC(2026, 0, 15, 0, 30) },
      ].map((request) => ({
        ...request,
        account_id: accountId,
        email: `${request.number.toLowerCase()}@mori.example`,
        first_name: 'Jiro',
        last_name: 'Tanaka',
        time_zone: 'Asia/Tokyo',
        country_code: 'JP',
        phone: '03-1234-5678',
        mobile: '',
        preferred_contact: 'portal' as const,
        language: 'en' as const,
        otp_method: 'email' as const,
        created_at: now,
      })))
      .execute();

    // Kenji is signed in elsewhere while his access is taken away.
    const kenjiPage = (await portal.newPage()).page;
    await logInWithEmailCode(portal, kenjiPage, kenji.email, kenji.password);
    await kenjiPage.getByRole('button', { name: 'Kenji Sato' }).waitFor();

    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, admin.email, admin.password);
    await openFromUserMenu(page, 'Aiko Mori', 'Contacts', 'Contacts');
    await page.getByText('The contacts of Mori Trading Co.', { exact: false }).waitFor();
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await row('Aiko Mori').getByText('You', { exact: true }).waitFor();
    await row('Taro Yamada').getByText('Never', { exact: true }).waitFor();
    expect(await row('Aiko Mori').getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Contacts');

    await row('Kenji Sato').getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Kenji Sato?' });
    await dialog.getByText('Kenji Sato will be signed out at once').waitFor();
    await expectNoAxeViolations(page, 'Contacts, confirming a deactivation');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('status').getByText('Kenji Sato was deactivated and signed out.').waitFor();
    await row('Kenji Sato').getByText('Deactivated', { exact: true }).waitFor();
    expect(await isActive(kenji.id)).toBe(false);
    await kenjiPage.goto('/my-cases');
    await kenjiPage.getByRole('heading', { name: 'Login' }).waitFor();

    await row('Kenji Sato').getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('status').getByText('Kenji Sato can log in again.').waitFor();
    await row('Kenji Sato').getByText('Active', { exact: true }).waitFor();
    expect(await isActive(kenji.id)).toBe(true);

    // The switch shows the role the server holds, so it turns on when the answer comes back, not at
    // the click (Playwright's check() wants it at once and failed on a busy machine).
    const approver = page.getByRole('switch', { name: 'Approver role for Kenji Sato' });
    await toggle(approver);
    await page.getByRole('status').getByText('Kenji Sato now has the Approver role.').waitFor();
    await expect.poll(() => approver.isChecked()).toBe(true);
    await expect.poll(() => rolesOf(kenji.id)).toEqual(['approver']);

    // The account's only administrator cannot take the role from themselves.
    const ownAdmin = page.getByRole('switch', { name: 'Administrator role for Aiko Mori' });
    await toggle(ownAdmin);
    await page.getByRole('alert').getByText('This contact is the last administrator of the account. Make another active contact an administrator first.').waitFor();
    await expect.poll(() => ownAdmin.isChecked()).toBe(true);
    expect(await rolesOf(admin.id)).toEqual(['account_admin']);
    await expectNoAxeViolations(page, 'Contacts, after a refused change');

    // Every request of the account, who decided it and when (in the viewer's time zone, Asia/Tokyo).
    await openFromUserMenu(page, 'Aiko Mori', 'Registration Requests', 'Registration Requests');
    await row('REG0000902').getByRole('cell', { name: 'Aiko Mori' }).waitFor();
    await row('REG0000902').getByText('Jan 15, 2026, 9:30 AM GMT+9').waitFor();
    await row('REG0000901').getByText('Requested', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'Registration Requests');
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'Approved' });
    await expect.poll(() => page.getByRole('row', { name: /REG0000901/ }).count()).toBe(0);
    await row('REG0000902').waitFor();
    expect(new URL(page.url()).search).toBe('?state=approved');
    await expectNoAxeViolations(page, 'Registration Requests, approved only');
  });

  it('A Japanese account administrator grants a role and deactivates a contact on the same page in Japanese', async () => {
    const accountId = await newAccount('森商事株式会社');
    const admin = await seedPerson(portal.server.db, { accountId, roles: ['account_admin'], language: 'ja', firstName: '花子', lastName: '鈴木', email: 'hanako.suzuki@mori.example' });
    const ichiro = await seedPerson(portal.server.db, { accountId, language: 'ja', firstName: '一郎', lastName: '佐藤', email: 'ichiro.sato@mori.example' });
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, admin.email, admin.password, JAPANESE_LOGIN);
    await openFromUserMenu(page, '鈴木 花子', 'コンタクト', 'コンタクト');
    await page.getByText('森商事株式会社 のコンタクト', { exact: false }).waitFor();
    const row = page.getByRole('row', { name: /佐藤 一郎/ });
    await row.getByText('なし', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'Contacts (ja)');

    const administrator = page.getByRole('switch', { name: '佐藤 一郎 の管理者ロール' });
    await toggle(administrator);
    await page.getByRole('status').getByText('佐藤 一郎 に管理者ロールを付与しました。').waitFor();
    await expect.poll(() => administrator.isChecked()).toBe(true);
    await expect.poll(() => rolesOf(ichiro.id)).toEqual(['account_admin']);

    await row.getByRole('button', { name: '無効にする' }).click();
    const dialog = page.getByRole('dialog', { name: '佐藤 一郎 を無効にしますか?' });
    await dialog.getByRole('button', { name: '無効にする' }).waitFor();
    await expectNoAxeViolations(page, 'Contacts (ja), confirming a deactivation');
    await dialog.getByRole('button', { name: '無効にする' }).click();
    await page.getByRole('status').getByText('佐藤 一郎 を無効にし、ログアウトさせました。').waitFor();
    await row.getByText('無効', { exact: true }).waitFor();
    expect(await isActive(ichiro.id)).toBe(false);
    await expectNoAxeViolations(page, 'Contacts (ja), after deactivating');
  });
});
