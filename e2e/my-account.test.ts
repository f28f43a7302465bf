import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/server/accounts/accounts.service.ts';
import { totpCodeAt } from '../src/server/lib/totp.ts';
import { seedPerson } from '../src/server/test/helpers.ts';
import { builtChunk, expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const NEW_PASSWORD = 'harbour-lights-at-dusk-27';
const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

describe('My Account, in a real browser', () => {
  let portal: Portal;
  let accountId: number;

  beforeAll(async () => {
    portal = await startPortal();
    await createAccount(portal.server.db, { name: 'Mori Trading Co.', now: Date.now() });
    accountId = (await portal.server.db.selectFrom('accounts').select('id').where('name', '=', 'Mori Trading Co.').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => portal?.close());

  const personRow = (email: string) => portal.server.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

  async function openMyAccount(page: Page, fullName: string, heading = 'My Account', menuItem = 'My Account') {
    await page.getByRole('button', { name: fullName }).click();
    await page.getByRole('menuitem', { name: menuItem }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  /** Mantine's searchable select: type part of the option, then pick it. */
  async function choose(page: Page, label: string, typed: string, option: string) {
    const region = page.getByRole('region', { name: 'Profile' });
    await region.getByLabel(label, { exact: true }).fill(typed);
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('A contact updates their profile, changes the password, pairs an authenticator and signs out another session', async () => {
    const person = await seedPerson(portal.server.db, { accountId, firstName: 'Kenji', lastName: 'Mori', email: 'kenji.mori@mori.example' });
    const { page } = await portal.newPage();
    await page.goto('/login');
    await logInWithEmailCode(portal, page, person.email, person.password);
    await openMyAccount(page, 'Kenji Mori');
    await page.getByRole('region', { name: 'Active sessions' }).getByText('This browser').waitFor();
    await expectNoAxeViolations(page, 'My Account');

    // The e-mail address and name are shown, not editable; the rest is saved with "Save".
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByText('kenji.mori@mori.example').waitFor();
    expect(await profile.getByLabel('Email', { exact: true }).count()).toBe(0);
    await choose(page, 'Time zone', 'Berlin', 'Europe/Berlin');
    await choose(page, 'Country code', 'Germany', 'Germany +49');
    await profile.getByLabel('Phone number').fill('+49 30 1234567');
    await profile.getByLabel('Mobile phone').fill('0170 1234567');
    await profile.getByLabel('Preferred contact method', { exact: true }).click();
    await page.getByRole('option', { name: 'Phone', exact: true }).click();
    await profile.getByRole('button', { name: 'Save' }).click();
    await profile.getByText('Your details were saved.').waitFor();
    expect(await personRow(person.email)).toMatchObject({ time_zone: 'Europe/Berlin', country_code: 'DE', phone: '+49 30 1234567', mobile: '0170 1234567', preferred_contact: 'phone' });

    // A wrong phone number is refused by name, in the form.
    await profile.getByLabel('Phone number').fill('call me');
    await profile.getByRole('button', { name: 'Save' }).click();
    await profile.getByText(/phone number/i).first().waitFor();
    await profile.getByLabel('Phone number').fill('+49 30 1234567');

    // Changing the password needs the current one.
    const password = page.getByRole('region', { name: 'Change password' });
    await password.getByLabel('Current Password').fill('not-my-password-at-all');
    await password.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD);
    await password.getByLabel('Confirm New Password').fill(NEW_PASSWORD);
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('The current password is not correct.').waitFor();
    await password.getByLabel('Current Password').fill(person.password);
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('Your password was changed. Your other sessions were signed out.').waitFor();

    // Pairing an authenticator needs a code from it.
    const factor = page.getByRole('region', { name: 'Second factor' });
    await factor.getByText('Email', { exact: true }).waitFor();
    await factor.getByRole('button', { name: 'Use an authenticator app' }).click();
    await factor.getByRole('img', { name: /QR/ }).waitFor();
    await expectNoAxeViolations(page, 'My Account, pairing');
    const secret = (await factor.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    expect(secret).toBe((await personRow(person.email)).totp_pending_secret);
    await factor.getByLabel('Enter the code generated by the Authenticator app below').fill(totpCodeAt(secret, Date.now() - 5 * 30_000));
    await factor.getByRole('button', { name: 'Pair device' }).click();
    await factor.getByText('The code is not correct. Enter the code your authenticator app shows now.').waitFor();
    await factor.getByLabel('Enter the code generated by the Authenticator app below').fill(totpCodeAt(secret, Date.now()));
    await factor.getByRole('button', { name: 'Pair device' }).click();
    await factor.getByText(/Your authenticator app is paired/).waitFor();
    await factor.getByText('Authenticator App', { exact: true }).waitFor();
    expect(await personRow(person.email)).toMatchObject({ otp_method: 'app', totp_secret: secret, totp_pending_secret: null });

    // Another browser signs in with the new password and the app's code…
    const other = (await portal.newPage()).page;
    await other.goto('/login');
    await other.getByLabel('Email').fill(person.email);
    await other.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await other.getByRole('button', { name: 'Submit' }).click();
    await other.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    // The pairing code's time step is used up; the next step is within the allowed drift.
    await other.getByLabel('Verification code').fill(totpCodeAt(secret, Date.now() + 30_000));
    await other.getByRole('button', { name: 'Submit' }).click();
    await other.getByRole('button', { name: 'Kenji Mori' }).waitFor();

    // …and is signed out from the first one.
    await page.reload();
    const sessions = page.getByRole('region', { name: 'Active sessions' });
    const rows = sessions.getByRole('row').filter({ has: page.getByRole('button', { name: 'Sign out' }) });
    await expect.poll(() => rows.count()).toBe(2);
    await rows.filter({ hasNot: page.getByText('This browser') }).getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByText('This browser').waitFor();
    await other.goto('/my-account');
    await other.getByRole('heading', { name: 'Login' }).waitFor();

    // Signing out this browser's own session leaves for the home page, signed out.
    await rows.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Login' }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await portal.server.db.selectFrom('sessions').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
  });

  it('A press on the name before the menu’s code arrives opens the menu once it does, and only that once', async () => {
    const person = await seedPerson(portal.server.db, { accountId, firstName: 'Yui', lastName: 'Mori', email: 'yui.mori@mori.example' });
    const { page } = await portal.newPage();
    // The user menu's code is held back, as on a slow line (a lost press failed CI's stories on a loaded machine).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${builtChunk('layout/UserMenu.tsx')}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, person.email, person.password);
    await page.getByRole('button', { name: 'Yui Mori' }).click();
    release();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    // Signed in again in the same tab (no page load in between), the menu waits to be pressed.
    await page.getByRole('banner').getByRole('link', { name: 'Login' }).click();
    await logInWithEmailCode(portal, page, person.email, person.password);
    await page.getByRole('button', { name: 'Yui Mori' }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByRole('menuitem').count()).toBe(0);
  });

  it('A Japanese contact sees My Account in Japanese, and choosing English switches the page', async () => {
    const person = await seedPerson(portal.server.db, { accountId, language: 'ja', firstName: '花子', lastName: '鈴木', email: 'hanako.suzuki@mori.example' });
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, person.email, person.password, JAPANESE_LOGIN);
    await openMyAccount(page, '鈴木 花子', 'マイアカウント', 'マイアカウント');
    await page.getByRole('heading', { level: 2, name: 'サインイン中のセッション' }).waitFor();
    await page.getByText('このブラウザ').waitFor();
    await expectNoAxeViolations(page, 'My Account (ja)');

    const profile = page.getByRole('region', { name: 'プロフィール' });
    await profile.getByRole('radio', { name: 'English' }).check();
    await profile.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { level: 1, name: 'My Account' }).waitFor();
    expect((await personRow(person.email)).language).toBe('en');
    await expectNoAxeViolations(page, 'My Account (switched to English)');
  });
});
