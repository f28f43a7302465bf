import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/server/cases/cases.service.ts';
import { createArticle } from '../src/server/knowledge/knowledge.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, focusIndicator, passcodeIn, startPortal, type Portal } from './fixtures.ts';

async function isFocused(target: Locator) {
  return target.evaluate((element) => element === document.activeElement).catch(() => false);
}

/** Presses Tab (or Shift+Tab) until `target` has focus; every stop on the way must show its focus. */
async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}) {
  const trail: string[] = [];
  for (let step = 0; step < (options.max ?? 40); step += 1) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    trail.push(await page.evaluate(() => `<${document.activeElement?.tagName.toLowerCase()}> ${(document.activeElement?.textContent ?? '').trim().slice(0, 30)}`));
    // Past the last control, Tab leaves the page for the browser's own controls.
    if (await page.evaluate(() => document.activeElement === document.body)) continue;
    expect(await page.evaluate(focusIndicator), `tab stop ${step + 1} after ${trail.join(' | ')}`).toBeNull();
    if (await isFocused(target)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The intended control has focus and shows it. */
async function expectFocusOn(page: Page, target: Locator) {
  await expect.poll(() => isFocused(target), { timeout: 10_000 }).toBe(true);
  expect(await page.evaluate(focusIndicator)).toBeNull();
}

async function expectFocusInside(target: Locator) {
  await expect.poll(() => target.evaluate((element) => element.contains(document.activeElement)).catch(() => false), { timeout: 10_000 }).toBe(true);
}

describe('the portal with the keyboard alone, in a real browser', () => {
  let portal: Portal;
  let contact: { email: string; password: string };
  let agent: { email: string; password: string };
  let accountAdmin: { email: string; password: string };
  let caseForAgent: string;

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Hanako', lastName: 'Suzuki', email: 'hanako@acme.example' });
    agent = await seedPerson(db, { kind: 'staff', roles: ['agent'], firstName: 'Ai', lastName: 'Agent', email: 'ai.agent@vendor.example' });
    accountAdmin = await seedPerson(db, { accountId: account.id, roles: ['account_admin'], firstName: 'Kenji', lastName: 'Sato', email: 'kenji@acme.example' });
    for (const name of ['Sentinel LDK', 'Sentinel RMS', 'HASP SRM']) await db.insertInto('products').values({ name, active: 1, created_at: Date.now() }).execute();
    const person = async (email: string) => db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    const staff = { person: await person(agent.email), roles: ['agent' as const] };
    await createArticle(
      db,
      staff,
      { title: 'Resetting the license manager', body: 'Stop the license manager service, delete its cache and start it again.', language: 'en', visibility: 'public', state: 'published', productIds: [] },
      Date.now(),
    );
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 14, kickMail: () => {} };
    const contactActor = { person: await person(contact.email), roles: [] };
    caseForAgent = (
      await openCase(deps, contactActor, { type: 'portal_issue', productId: null, priority: 2, subject: 'Cannot download the invoice', description: 'The download button does nothing.', attachmentIds: [] }, Date.now())
    ).number;
  });
  afterAll(() => portal?.close());

  /** Password, the reveal button, then the e-mailed passcode, typed into whatever has focus. */
  async function logIn(page: Page, person: { email: string; password: string }) {
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Login', level: 1 }).waitFor();
    await tabTo(page, page.getByRole('textbox', { name: 'Email', exact: true }));
    await page.keyboard.type(person.email);
    const password = page.getByLabel('Password', { exact: true });
    await tabTo(page, password);
    await page.keyboard.type(person.password);
    // The reveal button is reachable and works with Space.
    await tabTo(page, page.getByRole('button', { name: 'Show the typed characters' }));
    await page.keyboard.press('Space');
    expect(await password.getAttribute('type')).toBe('text');
    await page.keyboard.press('Space');
    expect(await password.getAttribute('type')).toBe('password');
    await tabTo(page, page.getByRole('button', { name: 'Submit', exact: true }));
    const sentBefore = portal.smtp.messages.length;
    await page.keyboard.press('Enter');
    const mail = await portal.smtp.waitFor((m) => portal.smtp.messages.indexOf(m) >= sentBefore && JSON.stringify(m.to ?? '').includes(person.email) && /One-time passcode for/.test(m.subject ?? ''));
    // The password form gave way to the passcode field, so focus moved there rather than to the page.
    await expectFocusOn(page, page.getByRole('textbox', { name: 'One-time passcode' }));
    await page.keyboard.type(passcodeIn(mail.text ?? ''));
    await page.keyboard.press('Enter');
    // Signed in, the portal moves on to the home page, and focus to the start of its content.
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expectFocusInside(page.getByRole('main'));
  }

  it('A visitor skips to the content, searches the knowledge base from the home page and opens an article', async () => {
    const { page } = await portal.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to the Customer Support Portal', level: 1 }).waitFor();

    // The first Tab stop is the skip link, shown while it has focus.
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await tabTo(page, skip, { max: 1 });
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await page.keyboard.press('Enter');
    await expectFocusInside(page.getByRole('main'));
    await tabTo(page, page.getByRole('searchbox', { name: 'Search the knowledge base' }), { max: 1 });
    await expectNoAxeViolations(page, 'home, skip link used');

    await page.keyboard.type('license manager');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/kb\?q=license/);
    const article = page.getByRole('link', { name: 'Resetting the license manager' });
    await article.waitFor();
    // After moving to another page, focus starts at its content, not back at the top of the page.
    await expectFocusInside(page.getByRole('main'));
    await tabTo(page, article);
    await expectNoAxeViolations(page, 'search results');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Resetting the license manager', level: 1 }).waitFor();
    await page.getByText('Stop the license manager service').waitFor();
    await expectFocusInside(page.getByRole('main'));
    await expectNoAxeViolations(page, 'article');
  });

  it('A contact logs in, creates a case choosing type, product, priority, subject and description, and comments on it', async () => {
    const { page } = await portal.newPage();
    await logIn(page, contact);
    await page.getByRole('button', { name: 'Hanako Suzuki' }).waitFor();

    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create Case' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Create Case', level: 1 }).waitFor();

    const type = page.getByLabel('What type of help do you need');
    await tabTo(page, type);
    // A closed native select steps through its options with the arrow keys.
    await page.keyboard.press('ArrowDown');
    expect(await type.inputValue()).toBe('portal_issue');
    await page.keyboard.press('ArrowUp');
    expect(await type.inputValue()).toBe('product_issue');

    const product = page.getByRole('combobox', { name: 'Product' });
    await tabTo(page, product, { max: 1 });
    await page.keyboard.type('Sentinel');
    await page.getByRole('option', { name: 'Sentinel RMS' }).waitFor();
    await page.getByRole('option', { name: 'Sentinel LDK' }).waitFor();
    // Arrow keys move through the list while focus stays in the field, which names the highlighted option; Enter chooses.
    const rmsId = await page.getByRole('option', { name: 'Sentinel RMS' }).getAttribute('id');
    for (let step = 0; step < 3 && (await product.getAttribute('aria-activedescendant')) !== rmsId; step += 1) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await product.getAttribute('aria-activedescendant')).toBe(rmsId);
    await expectFocusOn(page, product);
    await page.keyboard.press('Enter');
    await expect.poll(() => product.inputValue()).toBe('Sentinel RMS');
    expect(await page.getByRole('listbox').count()).toBe(0);

    const priority = page.getByLabel('Priority');
    await tabTo(page, priority, { max: 3 });
    await page.keyboard.press('ArrowUp');
    expect(await priority.inputValue()).toBe('2');

    await tabTo(page, page.getByRole('textbox', { name: 'Subject' }), { max: 1 });
    await page.keyboard.type('Dongle not recognised');
    await tabTo(page, page.getByRole('textbox', { name: 'Description' }));
    await page.keyboard.type('The RMS server does not see the USB dongle.');
    await expectNoAxeViolations(page, 'Create Case, filled in by keyboard');

    // The file picker is a button reached by Tab too.
    await tabTo(page, page.getByRole('button', { name: /Choose files/ }));
    await tabTo(page, page.getByRole('button', { name: 'Submit', exact: true }));
    await page.keyboard.press('Enter');
    const created = page.getByText(/Created CS\d{7}/);
    await created.waitFor();
    const number = /CS\d{7}/.exec(await created.innerText())![0];
    await expectFocusInside(page.getByRole('status').filter({ hasText: number }));
    await tabTo(page, page.getByRole('link', { name: number }), { max: 1 });
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Case Activity' }).waitFor();
    expect(await page.getByText('Sentinel RMS').count()).toBeGreaterThan(0);
    expect(await page.getByText('2 - High').count()).toBeGreaterThan(0);
    await tabTo(page, page.getByRole('textbox', { name: 'Comment' }));
    await page.keyboard.type('It is plugged into the front port.');
    await tabTo(page, page.getByRole('button', { name: 'Send' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Comment sent.' }).waitFor();
    await page.getByRole('list').getByText('It is plugged into the front port.').waitFor();
    await expectFocusOn(page, page.getByRole('button', { name: 'Send' }));
    await expectNoAxeViolations(page, 'case page after a keyboard comment');
  });

  it('An agent opens a case from the queue, starts work and proposes a solution in its dialog, then logs out', async () => {
    const { page } = await portal.newPage();
    await logIn(page, agent);
    await page.getByRole('button', { name: 'Ai Agent' }).waitFor();

    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }));
    await page.keyboard.press('Enter');
    const link = page.getByRole('row', { name: new RegExp(caseForAgent) }).getByRole('link', { name: caseForAgent });
    await link.waitFor();
    await tabTo(page, link, { max: 30 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Case ${caseForAgent}`, level: 1 }).waitFor();

    await tabTo(page, page.getByRole('button', { name: 'Start work' }));
    await page.keyboard.press('Enter');
    await page.getByText('Work in Progress').first().waitFor();
    // The button is gone once pressed; focus goes to what happened, not back to the top of the page.
    const started = page.getByRole('status').filter({ hasText: 'You are working on this case' });
    await expectFocusInside(started);

    const propose = page.getByRole('button', { name: 'Propose solution' });
    await tabTo(page, propose, { max: 5 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Resolve this case' });
    await expectFocusOn(page, dialog.getByRole('textbox', { name: 'Solution' }));
    await expectNoAxeViolations(page, 'Propose solution dialog');
    // Escape closes it and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocusOn(page, propose);

    await page.keyboard.press('Enter');
    await expectFocusOn(page, dialog.getByRole('textbox', { name: 'Solution' }));
    await page.keyboard.type('Clear the browser cache and download the invoice again.');
    // Tab stays inside the dialog: from the text past Cancel, the confirm button and the close button, back round.
    const seen = new Set<string>();
    for (let step = 0; step < 6; step += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(focusIndicator)).toBeNull();
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
      seen.add(await page.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.getAttribute('aria-label') || ''));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Cancel', 'Propose solution']));
    await tabTo(page, dialog.getByRole('button', { name: 'Propose solution' }));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Resolved').first().waitFor();
    await expectFocusInside(page.getByRole('status').filter({ hasText: 'The solution was proposed to the customer.' }));
    await expectNoAxeViolations(page, 'case page after proposing by keyboard');

    // The user menu opens with Enter, is walked with the arrow keys, and Logout signs out.
    const menuButton = page.getByRole('button', { name: 'Ai Agent' });
    await tabTo(page, menuButton, { back: true, max: 30 });
    await page.keyboard.press('Enter');
    const logout = page.getByRole('menuitem', { name: 'Logout' });
    await logout.waitFor();
    for (let step = 0; step < 6 && !(await isFocused(logout)); step += 1) await page.keyboard.press('ArrowDown');
    await expectFocusOn(page, logout);
    await expectNoAxeViolations(page, 'user menu open');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Login' }).first().waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await expectFocusInside(page.getByRole('main'));
  });

  it('An account administrator switches My Cases to all cases of the account with the arrow keys, then logs out on the home page', async () => {
    const { page } = await portal.newPage();
    await logIn(page, accountAdmin);
    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My Cases' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'My Cases', level: 1 }).waitFor();
    const scope = page.getByRole('radiogroup', { name: 'Cases to show' });
    await tabTo(page, scope.getByRole('radio', { name: 'My cases' }));
    expect(await scope.getByRole('radio', { name: 'My cases' }).isChecked()).toBe(true);
    // My cases → Cases I follow → All cases of the account.
    await page.keyboard.press('ArrowRight');
    await expectFocusOn(page, scope.getByRole('radio', { name: 'Cases I follow' }));
    await page.keyboard.press('ArrowRight');
    const all = scope.getByRole('radio', { name: 'All cases of the account' });
    await expectFocusOn(page, all);
    expect(await all.isChecked()).toBe(true);
    await page.getByRole('row', { name: new RegExp(caseForAgent) }).waitFor();
    await expectNoAxeViolations(page, 'My Cases, all cases of the account');

    // Logging out on the home page changes no address, and focus still lands on the content.
    await tabTo(page, page.getByRole('link', { name: 'Caseway' }), { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome to the Customer Support Portal', level: 1 }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Kenji Sato' }));
    await page.keyboard.press('Enter');
    const logout = page.getByRole('menuitem', { name: 'Logout' });
    await logout.waitFor();
    // The menu's keys wrap around: up from the first item is the last one.
    for (let step = 0; step < 6 && !(await isFocused(logout)); step += 1) await page.keyboard.press('ArrowUp');
    await expectFocusOn(page, logout);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Login' }).first().waitFor();
    await expectFocusInside(page.getByRole('main'));
  });

  it('On a phone-sized screen, a visitor opens the menu with the keyboard, stays inside it, and Escape brings focus back', async () => {
    const { page } = await portal.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to the Customer Support Portal', level: 1 }).waitFor();
    const burger = page.getByRole('button', { name: 'Open menu' });
    await tabTo(page, burger);
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Menu' });
    await drawer.waitFor();
    await expectFocusInside(drawer);
    for (let step = 0; step < 8; step += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(focusIndicator)).toBeNull();
      expect(await drawer.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await expectNoAxeViolations(page, 'menu drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expectFocusOn(page, burger);

    // A link in the drawer goes to its page and closes the drawer.
    await page.keyboard.press('Enter');
    await tabTo(page, drawer.getByRole('link', { name: 'Knowledge Base' }), { max: 10 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Knowledge Base', level: 1 }).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await expectFocusInside(page.getByRole('main'));
  });

  it('A Japanese visitor finds the skip link and the search box by keyboard', async () => {
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/');
    await page.getByRole('heading', { name: 'カスタマーサポートポータルへようこそ', level: 1 }).waitFor();
    const skip = page.getByRole('link', { name: '本文へスキップ' });
    await tabTo(page, skip, { max: 1 });
    await page.keyboard.press('Enter');
    await expectFocusInside(page.getByRole('main'));
    await tabTo(page, page.getByRole('searchbox', { name: 'ナレッジベースを検索' }), { max: 1 });
    await expectNoAxeViolations(page, 'home (ja), skip link used');
  });
});
