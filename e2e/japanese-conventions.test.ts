import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/server/cases/cases.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const JA_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };
/** The case is opened at 2:41 UTC on 6 December 2026: 11:41 in Tokyo, 21:41 the evening before in New York. */
const OPENED_AT = Date.UTC(2026, 11, 6, 2, 41);

describe('language, names and time the way each reader writes them', () => {
  let portal: Portal;
  let number: string;

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, '株式会社サンプル');
    const contact = await seedPerson(db, { accountId: account.id, firstName: '太郎', lastName: '山田', language: 'ja', email: 'taro@sample.example' });
    const person = await db.selectFrom('people').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => {} };
    ({ number } = await openCase(deps, { person, roles: [] }, { type: 'portal_issue', productId: null, priority: 2, subject: 'ライセンスが認識されない', description: '起動時にエラーになります。', attachmentIds: [] }, OPENED_AT));
  });
  afterAll(() => portal?.close());

  /** `caseway staff create` as an operator runs it: another process, writing to the portal's database. */
  async function staffCreate(...args: string[]) {
    const { stdout } = await run(process.execPath, [path.join(root, 'bin/caseway.js'), 'staff', 'create', ...args], { env: { ...process.env, DATA_DIR: portal.dataDir, DATABASE_URL: '' } });
    return stdout.trim();
  }

  /** The first login's remaining steps, in whatever language the page has taken on. */
  async function chooseOwnPassword(page: Page, temporary: string, labels: { heading: string; current: string; next: string; confirm: string; submit: string; terms: string; accept: string }) {
    await page.getByRole('heading', { name: labels.heading }).waitFor();
    await page.getByLabel(labels.current).fill(temporary);
    await page.getByLabel(labels.next, { exact: true }).fill('夕焼けの海と白い灯台を眺める');
    await page.getByLabel(labels.confirm).fill('夕焼けの海と白い灯台を眺める');
    await page.getByRole('button', { name: labels.submit, exact: true }).click();
    await page.getByRole('heading', { name: labels.terms }).waitFor();
    await page.getByRole('button', { name: labels.accept }).click();
  }

  it('A Japanese desk’s agent, made with staff create --language ja --time-zone Asia/Tokyo, reads Japanese, Tokyo time and 山田 太郎 from an English browser in New York', async () => {
    const temporary = await staffCreate('--email', 'aiko@vendor.example', '--first-name', '愛子', '--last-name', '田中', '--role', 'agent', '--language', 'ja', '--time-zone', 'Asia/Tokyo');
    const { page } = await portal.newPage({ locale: 'en-US', timezoneId: 'America/New_York' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, 'aiko@vendor.example', temporary);
    // Signed in, the portal speaks the person's language, not the browser's.
    await chooseOwnPassword(page, temporary, { heading: 'パスワードの変更', current: '現在のパスワード', next: '新しいパスワード', confirm: '新しいパスワード(確認)', submit: '送信', terms: '利用規約', accept: '同意する' });
    await page.getByRole('button', { name: '田中 愛子' }).waitFor();

    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'キュー' }).click();
    const row = page.getByRole('row', { name: new RegExp(number) });
    // The time is Tokyo's, as a Japanese desk writes it, though the browser is in New York.
    await row.getByText('2026/12/06 11:41 JST').waitFor();
    await expectNoAxeViolations(page, 'Queue (ja, Tokyo time)');

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    await page.getByText('2026/12/06 11:41 JST').first().waitFor();
    expect(await page.getByText('山田 太郎').count()).toBeGreaterThan(0);
    expect(await page.getByText('太郎 山田').count()).toBe(0);
    await expectNoAxeViolations(page, 'case page (ja, Tokyo time)');
  });

  it('An English administrator in New York reads New York time and given names first, and moves an agent to Japanese and Tokyo time on the Staff page', async () => {
    const admin = await seedPerson(portal.server.db, { kind: 'staff', roles: ['agent', 'admin'], firstName: 'Ken', lastName: 'Ono', email: 'ken@vendor.example', timeZone: 'America/New_York' });
    await staffCreate('--email', 'mika@vendor.example', '--first-name', 'Mika', '--last-name', 'Sato', '--role', 'agent');
    // A browser in Tokyo, in Japanese: the person's own language and zone still win once signed in.
    const { page } = await portal.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, admin.email, admin.password, JA_LOGIN);
    await page.getByRole('button', { name: 'Ken Ono' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    const row = page.getByRole('row', { name: new RegExp(number) });
    await row.getByText('Dec 5, 2026, 9:41 PM EST').waitFor();
    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    await page.getByText('Dec 5, 2026, 9:41 PM EST').first().waitFor();
    // Given name first in English, whatever the script: the rule, not the look, decides.
    expect(await page.getByText('太郎 山田').count()).toBeGreaterThan(0);
    expect(await page.getByText('山田 太郎').count()).toBe(0);

    await page.goto('/admin/staff');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    const aiko = page.getByRole('row', { name: /aiko@vendor\.example/ });
    await aiko.getByRole('rowheader', { name: '愛子 田中' }).waitFor();
    await aiko.getByText('日本語 · Asia/Tokyo').waitFor();
    const mika = page.getByRole('row', { name: /mika@vendor\.example/ });
    await mika.getByText('English · UTC').waitFor();

    await mika.getByRole('button', { name: 'Change the language and time zone of Mika Sato' }).click();
    const dialog = page.getByRole('dialog', { name: 'Language and time zone of Mika Sato' });
    await dialog.getByRole('radio', { name: '日本語' }).check();
    await dialog.getByLabel('Time zone', { exact: true }).fill('Asia/Tok');
    await page.getByRole('option', { name: 'Asia/Tokyo', exact: true }).click();
    await expectNoAxeViolations(page, 'Staff: language and time zone dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await mika.getByText('日本語 · Asia/Tokyo').waitFor();
    await expectNoAxeViolations(page, 'Staff (en)');
    const stored = await portal.server.db.selectFrom('people').select(['language', 'time_zone']).where('email', '=', 'mika@vendor.example').executeTakeFirstOrThrow();
    expect(stored).toEqual({ language: 'ja', time_zone: 'Asia/Tokyo' });
  });

  it.each([
    ['ja-JP', '利用者登録', 'Customer Identifier を持っている', ['姓', '名']],
    ['en-US', 'Register', 'I have my Customer Identifier', ['First name', 'Last name']],
  ] as const)('The registration form (%s) asks the name in the order the language writes it', async (locale, register, withIdentifier, order) => {
    const { page } = await portal.newPage({ locale });
    await page.goto('/');
    await page.getByRole('link', { name: register }).first().click();
    await page.getByRole('link', { name: withIdentifier }).click();
    const form = page.getByRole('main');
    await form.getByLabel(order[0], { exact: true }).waitFor();
    // A required field's label ends in Mantine's asterisk.
    const labels = (await form.locator('label').allInnerTexts()).map((label) => label.replace(/\s*\*$/, '').trim());
    const at = (name: string) => labels.indexOf(name);
    expect(at(order[0])).toBeGreaterThanOrEqual(0);
    expect(at(order[0])).toBeLessThan(at(order[1]));
  });
});
