import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/server/lib/passwords.ts';
import { loadServerKey } from '../src/server/lib/secrets.ts';
import { registerProvider } from '../src/server/sso/identity-providers.service.ts';
import { sealSecret } from '../src/server/sso/secret-box.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { startOidcProvider, type TestOidcProvider } from '../src/server/test/oidc.ts';
import { expectNoAxeViolations, logInWithEmailCode, mailTo, passcodeIn, startPortal, type Portal } from './fixtures.ts';

describe('single sign-on with a customer’s own OpenID Connect provider, in a real browser', () => {
  let portal: Portal;
  let oidc: TestOidcProvider;
  let acme: { id: number };
  let admin: { id: number; email: string; password: string };

  beforeAll(async () => {
    portal = await startPortal();
    oidc = await startOidcProvider(`${portal.baseUrl}/api/auth/sso/callback`);
    acme = await seedAccount(portal.server.db, 'Acme Japan K.K.');
    await seedPerson(portal.server.db, { accountId: acme.id, roles: ['approver'], email: 'approver@acme.example', language: 'ja', firstName: '太郎', lastName: '山田' });
    admin = await seedPerson(portal.server.db, { email: 'admin@vendor.example', roles: ['admin'], firstName: 'Ken', lastName: 'Mori' });
    const serverKey = await loadServerKey(portal.server.db);
    await registerProvider(portal.server.db, serverKey, acme.id, { issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, domains: ['acme.example'], mfaAcrValues: [] }, { now: Date.now(), ip: '127.0.0.1', actorId: admin.id, by: 'vendor' });
  });
  afterAll(async () => {
    await oidc?.close();
    await portal?.close();
  });

  /** The provider's own login page, as Acme's people know it. */
  async function signInAtAcme(page: Page) {
    await page.getByRole('heading', { name: 'Acme Identity' }).waitFor();
    await page.getByRole('button', { name: 'Sign in to Acme' }).click();
  }

  it('The vendor administrator registers the account’s provider, and a contact signs in through it', async () => {
    const northwind = await seedAccount(portal.server.db, 'Northwind Traders');
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Ken Mori' }).waitFor();
    await page.goto(`/admin/accounts/${northwind.id}`);
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    await page.getByText(`${portal.baseUrl}/api/auth/sso/callback`).waitFor();
    await page.getByLabel('Issuer URL').fill(oidc.issuer);
    await page.getByLabel('Client ID').fill(oidc.clientId);
    await page.getByLabel('Client secret').fill(oidc.clientSecret);
    await page.getByLabel('E-mail domains').fill('northwind.example');
    await page.getByRole('button', { name: 'Save provider' }).click();
    await page.getByText('The provider was saved.').waitFor();
    await expect.poll(() => page.getByLabel('Client secret').inputValue()).toBe('');
    await page.getByText('Saved; it is never shown again. Leave empty to keep it.').waitFor();
    await expectNoAxeViolations(page, 'account page with single sign-on');

    // A contact whose provider checked a second factor is signed in on return.
    const contact = await seedPerson(portal.server.db, { accountId: northwind.id, email: 'kenji.sato@northwind.example', firstName: 'Kenji', lastName: 'Sato' });
    oidc.user(contact.email, { amr: ['pwd', 'mfa'] });
    const visitor = (await portal.newPage()).page;
    await visitor.goto('/login');
    await visitor.getByLabel('Email').fill(contact.email);
    await visitor.getByLabel('Email').blur();
    await visitor.getByText('Your organisation signs in to the portal with its own sign-in service (single sign-on).').waitFor();
    expect(await visitor.getByLabel('Password', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(visitor, 'login page with single sign-on');
    await visitor.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await signInAtAcme(visitor);
    await visitor.getByRole('button', { name: 'Kenji Sato' }).waitFor();
    expect(new URL(visitor.url()).origin).toBe(portal.baseUrl);
  });

  it('The vendor administrator lets an account’s administrator manage single sign-on; she registers the provider after confirming it is her, and a domain of another account is refused', async () => {
    const hoshino = await seedAccount(portal.server.db, 'Hoshino Robotics');
    const rin = await seedPerson(portal.server.db, { accountId: hoshino.id, roles: ['account_admin'], email: 'rin@hoshino.example', firstName: 'Rin', lastName: 'Hoshino' });
    // Another customer already has people at yamada.example: no other account's administrator may take it.
    const yamada = await seedAccount(portal.server.db, 'Yamada Shoji');
    await seedPerson(portal.server.db, { accountId: yamada.id, email: 'taro@yamada.example' });
    const vendor = (await portal.newPage()).page;
    await logInWithEmailCode(portal, vendor, admin.email, admin.password);
    await vendor.getByRole('button', { name: 'Ken Mori' }).waitFor();
    await vendor.goto(`/admin/accounts/${hoshino.id}`);
    await vendor.getByRole('switch', { name: 'Account administrators may manage single sign-on' }).check();
    await vendor.getByText('The account’s administrators may now manage its single sign-on.').waitFor();

    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, rin.email, rin.password);
    await page.getByRole('button', { name: 'Rin Hoshino' }).click();
    await page.getByRole('menuitem', { name: 'Contacts' }).click();
    const sso = page.getByRole('region', { name: 'Single sign-on' });
    await sso.getByText('This account has no single sign-on provider; its contacts sign in with their password.').waitFor();
    // As if she had signed in a while ago: changing how everyone signs in asks her to confirm.
    await portal.server.db.updateTable('sessions').set({ authenticated_at: Date.now() - 10 * 60_000 }).where('person_id', '=', rin.id).execute();
    await sso.getByLabel('Issuer URL').fill(oidc.issuer);
    await sso.getByLabel('Client ID').fill(oidc.clientId);
    await sso.getByLabel('Client secret').fill(oidc.clientSecret);
    await sso.getByLabel('E-mail domains').fill('hoshino.example\nyamada.example');
    await sso.getByRole('button', { name: 'Save provider' }).click();

    const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' });
    await dialog.getByText('Changing how everyone in your account signs in needs your password').waitFor();
    const sentBefore = portal.smtp.messages.length;
    await dialog.getByLabel('Password', { exact: true }).fill(rin.password);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const mail = await portal.smtp.waitFor((m) => portal.smtp.messages.indexOf(m) >= sentBefore && JSON.stringify(m.to ?? '').includes(rin.email));
    await dialog.getByLabel('One-time passcode').fill(passcodeIn(mail.text ?? ''));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The save goes on by itself, and is refused for the other account's domain, by name.
    await sso.getByText("People of another account use addresses in yamada.example, so this account's single sign-on cannot take it.", { exact: false }).waitFor();
    await sso.getByLabel('E-mail domains').fill('hoshino.example');
    await sso.getByRole('button', { name: 'Save provider' }).click();
    await sso.getByText('The provider was saved.').waitFor();
    await sso.getByText('Saved; it is never shown again. Leave empty to keep it.').waitFor();
    await expectNoAxeViolations(page, 'Contacts with single sign-on');

    // The same page in Japanese.
    await page.getByLabel('Language').selectOption('ja');
    const ssoJa = page.getByRole('region', { name: 'シングルサインオン' });
    await ssoJa.getByLabel('発行者 URL(Issuer)').waitFor();
    await ssoJa.getByRole('button', { name: 'プロバイダーを保存' }).waitFor();
    await vendor.getByLabel('Language').selectOption('ja');
    await vendor.getByRole('switch', { name: 'アカウント管理者によるシングルサインオンの管理を許可する' }).waitFor();
  });

  it('A person who signs in only through their organisation confirms it is them there after a while, and then makes an API token', async () => {
    const person = await seedPerson(portal.server.db, { accountId: acme.id, email: 'aiko.ito@acme.example', firstName: 'Aiko', lastName: 'Ito' });
    // As an approved newcomer of single sign-on: a hash of random bytes nobody was told, no password.
    await portal.server.db.updateTable('people').set({ password_hash: await hashPassword(randomBytes(32).toString('base64url')) }).where('id', '=', person.id).execute();
    oidc.user(person.email, { amr: ['pwd', 'mfa'] });
    const { page } = await portal.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Email').blur();
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await signInAtAcme(page);
    await page.getByRole('button', { name: 'Aiko Ito' }).click();
    await page.getByRole('menuitem', { name: 'My Account' }).click();
    // As if she had signed in a while ago: a new API token asks her to confirm it is her.
    await portal.server.db.updateTable('sessions').set({ authenticated_at: Date.now() - 10 * 60_000 }).where('person_id', '=', person.id).execute();
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByRole('textbox', { name: 'Name' }).fill('Monitoring');
    await tokens.getByRole('radio', { name: '30 days' }).check();
    await tokens.getByRole('button', { name: 'Create token' }).click();

    const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' });
    await dialog.getByText('Your organisation, Acme Japan K.K., signs you in to the portal with its own sign-in (single sign-on).').waitFor();
    await expectNoAxeViolations(page, 'Confirm it’s you with single sign-on');
    await dialog.getByRole('button', { name: 'Sign in again at Acme Japan K.K.' }).click();
    await signInAtAcme(page);
    // Back on the page she left, confirmed; the word of the way back leaves the address.
    await dialog.getByText('You confirmed it’s you.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/my-account');
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });

    await tokens.getByRole('textbox', { name: 'Name' }).fill('Monitoring');
    await tokens.getByRole('radio', { name: '30 days' }).check();
    await tokens.getByRole('button', { name: 'Create token' }).click();
    expect((await tokens.getByTestId('new-access-token').innerText()).trim()).toMatch(/^cw_pat_/);
    expect(await page.getByRole('dialog', { name: 'Confirm it’s you' }).count()).toBe(0);
  });

  it('A provider that cannot be reached says so, and the password form is one click away', async () => {
    const initech = await seedAccount(portal.server.db, 'Initech');
    const now = Date.now();
    const provider = await portal.server.db
      .insertInto('identity_providers')
      .values({ account_id: initech.id, issuer: 'http://127.0.0.1:9', client_id: 'portal', client_secret_encrypted: sealSecret(await loadServerKey(portal.server.db), 'unused'), mfa_acr_values: '', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await portal.server.db.insertInto('identity_provider_domains').values({ domain: 'initech.example', provider_id: provider.id }).execute();
    const { page } = await portal.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('peter@initech.example');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText("Your organisation's sign-in service could not be reached or is not set up correctly.").waitFor();
    await page.getByRole('button', { name: 'Use my password instead' }).click();
    await page.getByLabel('Password', { exact: true }).waitFor();
  });

  it('シングルサインオン後、プロバイダーが二要素認証を確認していなければポータルのワンタイムパスコードを求める', async () => {
    const contact = await seedPerson(portal.server.db, { accountId: acme.id, email: 'hanako.suzuki@acme.example', language: 'ja', firstName: '花子', lastName: '鈴木' });
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(contact.email);
    const sentBefore = portal.smtp.messages.length;
    // Submitted at once, the address is checked on the way.
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await signInAtAcme(page);
    await page.getByText('メールによる追加の認証が必要です').waitFor();
    await expectNoAxeViolations(page, 'one-time passcode after single sign-on (ja)');
    const mail = await portal.smtp.waitFor((m) => portal.smtp.messages.indexOf(m) >= sentBefore && JSON.stringify(m.to ?? '').includes(contact.email));
    await page.getByLabel('ワンタイムパスコード').fill(passcodeIn(mail.text ?? ''));
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByRole('button', { name: '鈴木 花子' }).waitFor();
  });

  it('まだコンタクトでない人がシングルサインオンすると、利用者登録の申請が登録承認者の承認を待つ', async () => {
    oidc.user('yui.tanaka@acme.example', { givenName: '結衣', familyName: '田中', locale: 'ja-JP' });
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill('yui.tanaka@acme.example');
    await page.getByLabel('メールアドレス').blur();
    await page.getByRole('button', { name: 'シングルサインオンで続行' }).click();
    await signInAtAcme(page);
    await page.getByRole('heading', { name: 'シングルサインオン' }).waitFor();
    await page.getByText('組織の登録承認者に利用者登録の申請を送信しました。').waitFor();
    await expectNoAxeViolations(page, 'registration request after single sign-on (ja)');
    await mailTo(portal, 'approver@acme.example', 'Acme Japan K.K. への利用者登録申請の承認のお願い');
  });
});
