import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/server/cases/cases.service.ts';
import type { CaseState } from '../src/server/db/schema.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

const PHONE = { width: 390, height: 844 };
const JA_LOGIN = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

/** Nothing reaches past the right edge of the phone: the page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** Read without scrolling right: the element's box ends inside the phone's width. */
async function expectOnScreen(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

/** The steps of the state bar as read aloud, and the one marked current. */
async function stateBar(page: Page, label: string) {
  const bar = page.getByRole('navigation', { name: label });
  await bar.waitFor();
  await expectOnScreen(bar);
  for (const step of await bar.getByRole('listitem').all()) await expectOnScreen(step);
  return {
    steps: (await bar.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
    current: (await bar.locator('[aria-current="step"]').innerText()).trim(),
  };
}

describe('on a phone held upright (390 px)', () => {
  let portal: Portal;
  let contact: { id: number; email: string; password: string };
  let jaContact: { id: number; email: string; password: string };
  let jaAgent: { email: string; password: string };

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Hanako', lastName: 'Suzuki', email: 'hanako@acme.example' });
    jaContact = await seedPerson(db, { accountId: account.id, firstName: '次郎', lastName: '田中', email: 'jiro@acme.example', language: 'ja' });
    jaAgent = await seedPerson(db, { kind: 'staff', roles: ['agent'], firstName: '健', lastName: '小林', email: 'ken@vendor.example', language: 'ja' });
  });
  afterAll(() => portal?.close());

  /** A case opened as Create Case opens it, then put in the state the story starts from. */
  async function seedCase(contactId: number, subject: string, state: CaseState) {
    const db = portal.server.db;
    const person = await db.selectFrom('people').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => {} };
    const kase = await openCase(deps, { person, roles: [] }, { type: 'portal_issue', productId: null, priority: 2, subject, description: 'Opened for the phone story.', attachmentIds: [] }, Date.now());
    await db.updateTable('cases').set({ state }).where('number', '=', kase.number).execute();
    return kase.number;
  }

  async function phonePage(locale = 'en-US') {
    const { page } = await portal.newPage({ locale });
    await page.setViewportSize(PHONE);
    return page;
  }

  it('A contact reaches My Cases through the menu button, reads each case as a card and sees on the case page where the case stands', async () => {
    const waiting = await seedCase(contact.id, 'Licence key rejected after the upgrade to version 8.2', 'awaiting_info');
    const cancelled = await seedCase(contact.id, 'Duplicate of an earlier question', 'cancelled');
    const page = await phonePage();
    await logInWithEmailCode(portal, page, contact.email, contact.password);

    // The top navigation does not fit: a menu button opens it, large enough for a thumb.
    const menuButton = page.getByRole('button', { name: 'Open menu' });
    const tap = await menuButton.boundingBox();
    expect(Math.min(tap!.width, tap!.height)).toBeGreaterThanOrEqual(24);
    await menuButton.click();
    await page.getByRole('dialog', { name: 'Menu' }).getByRole('link', { name: 'My Cases' }).click();
    await page.getByRole('heading', { name: 'My Cases', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('dialog', { name: 'Menu' }).count()).toBe(0);

    // Each case is a card: number and subject first, then its state, all on screen.
    const card = page.getByRole('listitem').filter({ hasText: waiting });
    await expectOnScreen(card.getByText('Licence key rejected after the upgrade to version 8.2'));
    await expectOnScreen(card.getByText('Awaiting Info', { exact: true }));
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'My Cases at 390 px');

    // The guide's state bar: Awaiting Info between Work in Progress and Resolved while the case waits.
    await card.getByRole('link', { name: waiting }).click();
    const waitingBar = await stateBar(page, 'Case progress');
    expect(waitingBar.steps.map((step) => step.replace(/ \((done|current step)\)$/, '').replace(/^\S+ /, ''))).toEqual(['New', 'Work in Progress', 'Awaiting Info', 'Resolved', 'Closed']);
    expect(waitingBar.current).toContain('Awaiting Info');
    await expectOnScreen(page.getByText('Licence key rejected after the upgrade to version 8.2', { exact: true }));
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'case page at 390 px');

    // A cancelled case ends at Cancelled instead of running on to Closed.
    await page.goto(`/cases/${cancelled}`);
    const cancelledBar = await stateBar(page, 'Case progress');
    expect(cancelledBar.steps).toHaveLength(2);
    expect(cancelledBar.current).toContain('Cancelled');
    await expectNoSidewaysScroll(page);
  });

  it('日本語のエージェントがスマートフォンでキューを開き、ケースの進捗を確認する', async () => {
    const number = await seedCase(jaContact.id, 'アップデート後にライセンスキーが認識されなくなりました', 'work_in_progress');
    const page = await phonePage('ja-JP');
    await logInWithEmailCode(portal, page, jaAgent.email, jaAgent.password, JA_LOGIN);

    await page.getByRole('button', { name: 'メニューを開く' }).click();
    await page.getByRole('dialog', { name: 'メニュー' }).getByRole('link', { name: 'キュー' }).click();
    await page.getByRole('heading', { name: 'キュー', level: 1 }).waitFor();
    // Priority, account and product fold under "More filters", so the first case is on the first screen.
    const more = page.getByRole('button', { name: 'その他の絞り込み' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const card = page.getByRole('listitem').filter({ hasText: number });
    expect(await card.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(PHONE.height);
    await more.click();
    await page.getByRole('combobox', { name: '優先度' }).waitFor();
    await expectOnScreen(card.getByText('アップデート後にライセンスキーが認識されなくなりました'));
    await expectOnScreen(card.getByText('対応中', { exact: true }));
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'キュー (390 px)');

    await card.getByRole('link', { name: number }).click();
    const bar = await stateBar(page, 'ケースの進捗');
    expect(bar.steps).toHaveLength(4);
    expect(bar.current).toContain('対応中');
    expect(bar.steps[0]).toContain('新規');
    expect(bar.steps[3]).toContain('クローズ');
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'ケースページ (390 px)');
  });
});
