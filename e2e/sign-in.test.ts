import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/server/accounts/accounts.service.ts';
import { totpCodeAt } from '../src/server/lib/totp.ts';
import { seedPerson } from '../src/server/test/helpers.ts';
import { builtChunk, expectNoAxeViolations, mailTo, passcodeIn, startPortal, temporaryPasswordIn, type Portal } from './fixtures.ts';

const NEW_PASSWORD = 'morning-tide-lantern-88';

describe('signing in, in a real browser', () => {
  let portal: Portal;
  let identifier: string;
  let approver: { email: string; password: string };

  beforeAll(async () => {
    portal = await startPortal();
    identifier = (await createAccount(portal.server.db, { name: 'Acme Japan K.K.', now: Date.now() })).customerIdentifier;
    const account = await portal.server.db.selectFrom('accounts').select('id').where('name', '=', 'Acme Japan K.K.').executeTakeFirstOrThrow();
    approver = await seedPerson(portal.server.db, { accountId: account.id, roles: ['approver'], firstName: 'Taro', lastName: 'Yamada', email: 'taro.approver@acme.example' });
  });
  afterAll(() => portal?.close());

  /** Password, then the e-mailed code, as a contact with the Email method does it. */
  async function logInWithEmailCode(page: Page, email: string, password: string) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    const sentAfter = portal.smtp.messages.length;
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Additional Email Authentication is required').waitFor();
    const mail = await portal.smtp.waitFor((m) => portal.smtp.messages.indexOf(m) >= sentAfter && (m.subject ?? '').startsWith('One-time passcode for') && m.to !== undefined && JSON.stringify(m.to).includes(email));
    await page.getByLabel('One-time passcode').fill(passcodeIn(mail.text ?? ''));
    await page.getByRole('button', { name: 'Submit' }).click();
  }

  async function logOut(page: Page, fullName: string) {
    await page.getByRole('button', { name: fullName }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.getByRole('link', { name: 'Login' }).waitFor();
  }

  it('A visitor registers with the Customer Identifier, the approver approves, and the newcomer signs in with an e-mailed code', async () => {
    const { page } = await portal.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'Customer Support Portal Registration' }).waitFor();
    await expectNoAxeViolations(page, 'registration choice');
    await page.getByRole('link', { name: 'I have my Customer Identifier' }).click();

    const form = page.getByRole('main');
    // Lower case and without the dash, as people type it.
    await form.getByLabel('Customer Identifier').fill(identifier.replace('-', '').toLowerCase());
    await form.getByLabel('First name').fill('Jiro');
    await form.getByLabel('Last name').fill('Tanaka');
    await form.getByLabel('Business Email').fill('jiro.tanaka@acme.example');
    await form.getByLabel('Phone number').fill('03-1234-5678');
    await form.getByRole('radio', { name: 'Email' }).check();
    await expectNoAxeViolations(page, 'registration form');
    await form.getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/REG\d{7}/).first().waitFor();

    const review = await mailTo(portal, approver.email, 'Registration request for Acme Japan K.K. requires your review');
    const link = /(http:\/\/\S+\/registration-requests\/REG\d{7})/.exec(review.text ?? '')![1]!;
    expect(link.startsWith(portal.baseUrl)).toBe(true);

    // The approver follows the link, logs in on the way, and approves.
    const approverPage = (await portal.newPage()).page;
    await approverPage.goto(link);
    await approverPage.getByRole('heading', { name: 'Login' }).waitFor();
    await logInWithEmailCode(approverPage, approver.email, approver.password);
    await approverPage.getByRole('heading', { name: 'Registration Request' }).waitFor();
    await approverPage.getByText('This Registration Request requires your approval').waitFor();
    await expectNoAxeViolations(approverPage, 'registration request');
    await approverPage.getByRole('button', { name: 'Approve' }).click();
    await approverPage.getByText('Approved').first().waitFor();
    expect(await approverPage.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // The newcomer reads the temporary password and goes through every first-login step.
    const processed = await mailTo(portal, 'jiro.tanaka@acme.example', 'Customer Registration Processed');
    const temporary = temporaryPasswordIn(processed.text ?? '');
    await page.goto('/login');
    await expectNoAxeViolations(page, 'login');
    await logInWithEmailCode(page, 'jiro.tanaka@acme.example', temporary);
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await expectNoAxeViolations(page, 'change password');
    await page.getByLabel('Current Password').fill(temporary);
    await page.getByLabel('New Password', { exact: true }).fill('password1234');
    await page.getByLabel('Confirm New Password').fill('password1234');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/too common/).waitFor();
    await page.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm New Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Terms of use' }).waitFor();
    await expectNoAxeViolations(page, 'terms');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('button', { name: 'Jiro Tanaka' }).waitFor();
    await page.getByRole('link', { name: 'My Cases' }).first().waitFor();
    await page.getByRole('link', { name: 'Create Case' }).first().waitFor();
    await logOut(page, 'Jiro Tanaka');

    // Logged out on the server: going back to a protected page asks for a login.
    await page.goto('/my-cases');
    await page.getByRole('heading', { name: 'Login' }).waitFor();
  });

  it('A contact who chose the authenticator app pairs it by QR code at the first login, then verifies later logins', async () => {
    const account = await portal.server.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const person = await seedPerson(portal.server.db, { accountId: account.id, otpMethod: 'app', mustChange: true, termsAccepted: false, firstName: 'Akemi', lastName: 'Ito', email: 'akemi.ito@acme.example' });
    const { page } = await portal.newPage();
    const fetched: string[] = [];
    page.on('response', (response) => fetched.push(new URL(response.url()).pathname));
    await page.goto('/login');
    await page.getByLabel('Email').fill(person.email);
    // A page loads only what it shows (issue 22): the frame's English strings alone, no other page's
    // styles and no Portal Help text.
    expect(fetched).toContain(builtChunk('i18n/frame/en.json'));
    for (const unneeded of ['i18n/frame/ja.json', 'i18n/pages/en.json', 'i18n/pages/ja.json', 'mantine-page-styles.ts', 'features/help/content.en.ts', 'features/help/content.ja.ts', 'features/help/pages/PortalHelpPage.tsx']) expect(fetched, unneeded).not.toContain(builtChunk(unneeded));
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Submit' }).click();

    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await page.getByLabel('Current Password').fill(person.password);
    await page.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm New Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();

    await page.getByRole('heading', { name: 'Enable two-factor authentication' }).waitFor();
    await page.getByRole('img', { name: /QR/ }).waitFor();
    await expectNoAxeViolations(page, 'pairing');
    const stored = await portal.server.db.selectFrom('people').select('totp_pending_secret').where('email', '=', person.email).executeTakeFirstOrThrow();
    const secret = stored.totp_pending_secret!;
    // The secret is shown as text for manual entry (grouped for reading).
    const shown = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    expect(shown).toBe(secret);
    await page.getByLabel('Enter the code generated by the Authenticator app below').fill('000000');
    await page.getByRole('button', { name: 'Pair device and Login' }).click();
    await page.getByText(/does not match|not correct/).waitFor();
    await page.getByLabel('Enter the code generated by the Authenticator app below').fill(totpCodeAt(secret, Date.now()));
    await page.getByRole('button', { name: 'Pair device and Login' }).click();
    await page.getByRole('heading', { name: 'Terms of use' }).waitFor();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('button', { name: 'Akemi Ito' }).waitFor();
    await logOut(page, 'Akemi Ito');

    await page.goto('/login');
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    await expectNoAxeViolations(page, 'verify your identity');
    // The pairing code's step was used; the next step's code is the one an app would show soon.
    await page.getByLabel('Verification code').fill(totpCodeAt(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('button', { name: 'Akemi Ito' }).waitFor();
  });

  it('A contact who forgot the password gets a temporary one by mail and must change it', async () => {
    const account = await portal.server.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const person = await seedPerson(portal.server.db, { accountId: account.id, firstName: 'Kenji', lastName: 'Mori', email: 'kenji.mori@acme.example' });
    const { page } = await portal.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expectNoAxeViolations(page, 'forgot password');
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Your new password has been emailed to you if the address is registered.').waitFor();

    const mail = await mailTo(portal, person.email, 'Customer Reset Password');
    const temporary = temporaryPasswordIn(mail.text ?? '');
    await page.goto('/login');
    await logInWithEmailCode(page, person.email, temporary);
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await page.getByLabel('Current Password').fill(temporary);
    await page.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm New Password').fill('something-else-entirely');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/do not match/).waitFor();
    await page.getByLabel('Confirm New Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('button', { name: 'Kenji Mori' }).waitFor();
  });
});
