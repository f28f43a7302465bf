import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

describe('Settings and audit trail, in a real browser', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(() => portal?.close());

  /** User menu → "Administration" → the page's link in the administration menu. */
  async function openFromUserMenu(page: Page, fullName: string, item: string, heading: string, administration = 'Administration') {
    await page.getByRole('button', { name: fullName }).click();
    await page.getByRole('menuitem', { name: administration }).click();
    await page.getByRole('navigation', { name: administration }).getByRole('link', { name: item }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  it('An administrator changes the contact details and a visitor sees them on Contact Us', async () => {
    const admin = await seedPerson(portal.server.db, { kind: 'staff', roles: ['admin'], firstName: 'Aiko', lastName: 'Tanaka', email: 'aiko.tanaka@vendor.example' });
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, admin.email, admin.password);
    // A first start shows sample details, and tells the administrator where to replace them.
    await page.goto('/contact-us');
    await page.getByText('Example Software K.K. — Customer Support').waitFor();
    await page.getByText('These are the sample details shipped with Caseway').waitFor();
    await expectNoAxeViolations(page, 'Contact Us with sample details');
    await page.getByRole('link', { name: 'Replace them in Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await openFromUserMenu(page, 'Aiko Tanaka', 'Settings', 'Settings');
    const contact = page.getByRole('region', { name: 'Contact details' });
    await contact.getByText('“Contact Us” shows sample details shipped with Caseway.').waitFor();
    await expectNoAxeViolations(page, 'Settings');

    // A wrong address is refused in the form, by name.
    await contact.getByLabel('Support email').fill('support at vendor');
    await contact.getByRole('button', { name: 'Save contact details' }).click();
    await contact.getByText('Enter a valid e-mail address, like name@example.com.').waitFor();

    await contact.getByLabel('Company').fill('Vendor Software K.K.');
    await contact.getByLabel('Support email').fill('support@vendor.example');
    await contact.getByLabel('Support phone').fill('+81 3-1234-5678');
    await contact.getByLabel('Support hours').fill('Weekdays 9:00–18:00 JST');
    await contact.getByLabel('Address').fill('1-2-3 Marunouchi\nChiyoda-ku, Tokyo');
    await contact.getByRole('button', { name: 'Save contact details' }).click();
    await contact.getByRole('status').getByText('The contact details were saved.').waitFor();
    expect(await contact.getByText('“Contact Us” shows sample details shipped with Caseway.').count()).toBe(0);

    // An auto-close wait out of range is refused before anything is sent; a trial counts in hours.
    const autoClose = page.getByRole('region', { name: 'Auto-close' });
    await autoClose.getByLabel('Wait until a resolved case closes').fill('400');
    await autoClose.getByRole('button', { name: 'Save auto-close' }).click();
    await autoClose.getByText('Enter a whole number, at least 1 and at most 365 days or 8,760 hours, or leave the field empty.').waitFor();
    await autoClose.getByText('Hours', { exact: true }).click();
    await autoClose.getByLabel('Wait until a resolved case closes').fill('6');
    await autoClose.getByRole('button', { name: 'Save auto-close' }).click();
    await autoClose.getByText('Saved. Resolved cases now close after 6 hours without an answer.').waitFor();
    await expectNoAxeViolations(page, 'Settings after saving');

    const visitor = (await portal.newPage()).page;
    await visitor.goto('/contact-us');
    await visitor.getByRole('heading', { level: 1, name: 'Contact Us' }).waitFor();
    await visitor.getByText('Vendor Software K.K.').waitFor();
    expect(await visitor.getByRole('link', { name: 'support@vendor.example' }).getAttribute('href')).toBe('mailto:support@vendor.example');
    await visitor.getByText('Weekdays 9:00–18:00 JST').waitFor();
    await expectNoAxeViolations(visitor, 'Contact Us');
  });

  it('An administrator filters the audit trail by event type and finds a login', async () => {
    const admin = await seedPerson(portal.server.db, { kind: 'staff', roles: ['admin'], firstName: 'Ken', lastName: 'Sato', email: 'ken.sato@vendor.example' });
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, admin.email, admin.password);
    await openFromUserMenu(page, 'Ken Sato', 'Audit trail', 'Audit trail');
    const events = page.getByRole('region', { name: 'Events' });
    await events.getByRole('table').waitFor();
    await expectNoAxeViolations(page, 'Audit trail');

    await page.getByLabel('Event type').fill('Login succ');
    await page.getByRole('option', { name: 'Login succeeded', exact: true }).click();
    await page.getByLabel('Person (email)').fill(admin.email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = events.getByRole('row').filter({ hasText: admin.email });
    await row.first().getByText('Login succeeded').waitFor();
    expect(await events.getByRole('row').count()).toBe(2);
    expect(await row.first().getByRole('cell').nth(4).textContent()).toBe('127.0.0.1');
    await expectNoAxeViolations(page, 'Audit trail filtered');

    // A malformed Customer Identifier is caught in the form.
    await page.getByLabel('Customer Identifier').fill('nope');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('A Customer Identifier has 10 letters and digits, like ABCDE-23456.').waitFor();
  });

  it('An administrator sets service targets; a case whose first response target passed shows as breached in the Queue and missed on its page, also to its contact in Japanese', async () => {
    const db = portal.server.db;
    const accountId = (await seedAccount(db, 'Acme Japan')).id;
    const contact = await seedPerson(db, { accountId, language: 'ja', firstName: '一郎', lastName: '佐藤', email: 'sato@acme.example' });
    const admin = await seedPerson(db, { kind: 'staff', roles: ['admin'], firstName: 'Ken', lastName: 'Mori', email: 'ken.mori@vendor.example' });
    // Opened half an hour ago, unanswered: a one-minute first response target passed long since.
    const openedAt = Date.now() - 30 * 60_000;
    const number = 'CS0000777';
    const { id } = await db
      .insertInto('cases')
      .values({ number, account_id: accountId, contact_id: contact.id, type: 'portal_issue', priority: 1, subject: 'Portal is down', description: 'Nothing loads.', state: 'new', created_at: openedAt, updated_at: openedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('case_activities').values({ case_id: id, kind: 'created', author_id: contact.id, body: '', internal: 0, from_state: null, to_state: 'new', attachment_id: null, detail: '{}', created_at: openedAt }).execute();

    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, admin.email, admin.password);
    await openFromUserMenu(page, 'Ken Mori', 'Settings', 'Settings');
    const sla = page.getByRole('region', { name: 'Service targets' });
    await sla.getByLabel('First response target of 1 - Critical, in business minutes').fill('1');
    await sla.getByLabel('Resolution target of 1 - Critical, in business minutes').fill('600');
    // Open round the clock, every day, holidays too, so the story does not depend on when it runs.
    for (const day of ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) {
      await sla.getByRole('checkbox', { name: day, exact: true }).check();
      await sla.getByLabel(`${day} opens at`).fill('00:00');
      await sla.getByLabel(`${day} closes at`).fill('00:00');
    }
    await sla.getByRole('checkbox', { name: 'Closed on Japanese public holidays' }).uncheck();
    await sla.getByRole('button', { name: 'Save service targets' }).click();
    await sla.getByRole('status').getByText('Saved. The due times of 1 open case were computed again.').waitFor();

    await page.goto('/queue');
    const row = page.getByRole('row').filter({ hasText: number });
    await row.getByText('Breached', { exact: true }).waitFor();
    await row.getByText(/overdue by \d+ min/).waitFor();
    await expectNoAxeViolations(page, 'Queue with a breached case');
    await row.getByRole('link', { name: number }).click();
    await page.getByRole('row', { name: /First response due by/ }).getByText('Missed (overdue)').waitFor();
    await page.getByRole('row', { name: /Resolution target/ }).getByText(/of business time left/).waitFor();
    // The activity says why the due times moved.
    await page.getByText('The due times were computed again for the new service targets.').waitFor();

    const customer = await portal.newPage({ locale: 'ja-JP' });
    await customer.page.goto('/login');
    await logInWithEmailCode(portal, customer.page, contact.email, contact.password, JAPANESE_LOGIN);
    await customer.page.goto(`/cases/${number}`);
    await customer.page.getByRole('row', { name: /初回回答期限/ }).getByText('未達（期限超過）').waitFor();
    await customer.page.getByRole('row', { name: /解決目標/ }).getByText(/営業時間で残り/).waitFor();
  });

  it('A Japanese administrator uses both pages in Japanese', async () => {
    const admin = await seedPerson(portal.server.db, { kind: 'staff', roles: ['admin'], language: 'ja', firstName: '花子', lastName: '鈴木', email: 'suzuki@vendor.example' });
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, admin.email, admin.password, JAPANESE_LOGIN);
    await openFromUserMenu(page, '鈴木 花子', '設定', '設定', '管理');
    const terms = page.getByRole('region', { name: '利用規約' });
    await terms.getByText('Caseway に同梱の見本の利用規約です。').waitFor();
    await expectNoAxeViolations(page, 'Settings (ja)');
    await terms.getByLabel('版').fill('2');
    await terms.getByLabel('利用規約（日本語）').fill('新しい利用規約です。');
    await terms.getByRole('button', { name: '利用規約を保存' }).click();
    await terms.getByText('版 2 を公開しました。全員が次回ログイン時に同意を求められます。').waitFor();
    expect(await terms.getByText('Caseway に同梱の見本の利用規約です。').count()).toBe(0);
    const autoClose = page.getByRole('region', { name: '自動クローズ' });
    await autoClose.getByText('時間', { exact: true }).click();
    await autoClose.getByLabel('解決済みケースが自動クローズされるまでの期間').fill('3');
    await autoClose.getByRole('button', { name: '自動クローズを保存' }).click();
    await autoClose.getByText('保存しました。解決済みのケースは、回答がないまま 3 時間経過するとクローズされます。').waitFor();

    await openFromUserMenu(page, '鈴木 花子', '監査ログ', '監査ログ', '管理');
    await page.getByLabel('イベントの種類').fill('利用規約の');
    await page.getByRole('option', { name: '利用規約の変更', exact: true }).click();
    await page.getByRole('button', { name: '絞り込む' }).click();
    const events = page.getByRole('region', { name: 'イベント' });
    const termsRow = events.getByRole('row').filter({ hasText: 'suzuki@vendor.example' });
    await termsRow.getByText('利用規約の変更').waitFor();
    // What changed is labelled in Japanese, not by the keys it is stored under.
    await termsRow.getByText('バージョン: 2').waitFor();
    await termsRow.getByText('以前のバージョン: 1').waitFor();
    await termsRow.getByText('変更された項目: 版, 利用規約（日本語）').waitFor();
    await expectNoAxeViolations(page, 'Audit trail (ja)');
  });
});
