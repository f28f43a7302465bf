import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
