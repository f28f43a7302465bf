import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../src/server/db/schema.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { downloadedText, expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const JAPANESE_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };
const DAY = 24 * 3600 * 1000;

describe('The account’s dashboard, in a real browser', () => {
  let portal: Portal;
  let kobeId: number;
  const people: Record<'admin' | 'jaAdmin' | 'vendor', { email: string; password: string }> = {} as never;

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const kobe = await seedAccount(db, 'Kobe Precision');
    const osaka = await seedAccount(db, 'Osaka Logistics');
    kobeId = kobe.id;
    people.admin = await seedPerson(db, { accountId: kobe.id, roles: ['account_admin'], firstName: 'Aiko', lastName: 'Mori', email: 'aiko@kobe.example' });
    people.jaAdmin = await seedPerson(db, { accountId: kobe.id, roles: ['account_admin'], firstName: '健', lastName: '佐藤', email: 'ken@kobe.example', language: 'ja' });
    people.vendor = await seedPerson(db, { kind: 'staff', roles: ['admin'], firstName: 'Vera', lastName: 'Vendor', email: 'vera@vendor.example' });
    const contact = await seedPerson(db, { accountId: kobe.id, email: 'plain@kobe.example' });
    const osakaContact = await seedPerson(db, { accountId: osaka.id, email: 'plain@osaka.example' });
    const product = (await db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    let n = 0;
    const now = Date.now();
    const insert = (accountId: number, contactId: number, state: CaseState, priority: number, daysAgo: number) =>
      db
        .insertInto('cases')
        .values({
          number: `CS${8000000 + ++n}`,
          account_id: accountId,
          contact_id: contactId,
          product_id: product,
          type: 'product_issue',
          priority,
          subject: `Dashboard case ${n}`,
          description: '—',
          state,
          assignee_id: null,
          follow_up_of: null,
          resolved_at: null,
          reminder_sent_at: null,
          closed_at: state === 'closed' ? now - (daysAgo - 1) * DAY : null,
          created_at: now - daysAgo * DAY,
          updated_at: now - daysAgo * DAY,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    // Kobe: three New, one Work in Progress, one closed with a survey comment. Osaka: two New.
    for (const days of [1, 2, 3]) await insert(kobe.id, contact.id, 'new', 1, days);
    await insert(kobe.id, contact.id, 'work_in_progress', 2, 4);
    const closed = await insert(kobe.id, contact.id, 'closed', 3, 5);
    await db
      .insertInto('surveys')
      .values({ case_id: closed.id, contact_id: contact.id, account_id: kobe.id, state: 'answered', answer_1: 5, answer_2: 5, answer_3: 5, answer_4: 5, answer_5: 5, comment: 'Fixed within the hour.', created_at: now - 3 * DAY, answered_at: now - 3 * DAY })
      .execute();
    for (const days of [1, 2]) await insert(osaka.id, osakaContact.id, 'new', 1, days);
  });
  afterAll(() => portal?.close());

  /** The row of a figure's table that a screen reader reads as "New 3". */
  const row = (page: Page, table: string, name: string) => page.getByRole('table', { name: table }).getByRole('row', { name, exact: true });

  async function downloadCsv(page: Page, button: string) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: download.suggestedFilename(), text: await downloadedText(download) };
  }

  it('An account administrator opens the dashboard from the menu, reads the open cases by state and downloads them as CSV', async () => {
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, people.admin.email, people.admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect.poll(() => row(page, 'Cases open now, by state', 'New 3').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(page, 'Cases open now, by state', 'Work in Progress 1').count(), { timeout: 15_000 }).toBe(1);
    await page.getByText('Fixed within the hour.').waitFor();
    await expectNoAxeViolations(page, 'the dashboard (account administrator)');

    const csv = await downloadCsv(page, 'Download CSV: Open cases by state');
    expect(csv.name).toMatch(new RegExp(`^open-cases-by-state-account-${kobeId}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(csv.text).toBe('\uFEFFState,Cases\r\nNew,3\r\nWork in Progress,1\r\nAwaiting Info,0\r\nResolved,0\r\n');

    // A custom period that ends before the cases were opened shows none opened.
    await page.getByRole('group', { name: 'Period' }).getByText('Custom', { exact: true }).click();
    await page.getByLabel('First day').fill('2025-01-06');
    await page.getByLabel('Last day').fill('2025-01-12');
    await expect.poll(() => row(page, 'Cases opened and closed in each week of the period, weeks from Monday (Asia/Tokyo)', '2025-01-06 0 0').count(), { timeout: 15_000 }).toBe(1);
  });

  it('An account administrator reads the dashboard in Japanese and downloads a CSV with Japanese headings', async () => {
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await logInWithEmailCode(portal, page, people.jaAdmin.email, people.jaAdmin.password, JAPANESE_LOGIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('link', { name: 'ダッシュボード' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();
    await expect.poll(() => row(page, '現在オープン中のケース（状態別）', '新規 3').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(page, '現在オープン中のケース（優先度別）', '1 - 緊急 3').count(), { timeout: 15_000 }).toBe(1);
    await expectNoAxeViolations(page, 'the dashboard in Japanese');
    const csv = await downloadCsv(page, 'CSV をダウンロード: 優先度別のオープン中ケース');
    expect(csv.text).toBe('\uFEFF優先度,ケース数\r\n1 - 緊急,3\r\n2 - 高,1\r\n3 - 中,0\r\n4 - 低,0\r\n');
  });

  it('A vendor administrator sees every account together, then picks one account', async () => {
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, people.vendor.email, people.vendor.password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect.poll(() => row(page, 'Cases open now, by state', 'New 5').count(), { timeout: 15_000 }).toBe(1);
    await expectNoAxeViolations(page, 'the dashboard (vendor administrator, all accounts)');

    await page.getByLabel('Account', { exact: true }).fill('Kobe');
    await page.getByRole('option', { name: 'Kobe Precision' }).click();
    await expect.poll(() => row(page, 'Cases open now, by state', 'New 3').count(), { timeout: 15_000 }).toBe(1);
    expect(new URL(page.url()).searchParams.get('account')).toBe(String(kobeId));
    const csv = await downloadCsv(page, 'Download CSV: Open cases by priority');
    expect(csv.text).toBe('\uFEFFPriority,Cases\r\n1 - Critical,3\r\n2 - High,1\r\n3 - Moderate,0\r\n4 - Low,0\r\n');
  });
});
