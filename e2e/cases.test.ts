import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../src/server/cases/cases.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, mailTo, startPortal, type Portal } from './fixtures.ts';

const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe('support cases, in a real browser', () => {
  let portal: Portal;
  let contact: { email: string; password: string };
  let agent: { email: string; password: string };
  let jaContact: { email: string; password: string };
  let acmeId: number;
  let attachmentFile: string;

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    acmeId = account.id;
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Hanako', lastName: 'Suzuki', email: 'hanako@acme.example' });
    jaContact = await seedPerson(db, { accountId: account.id, firstName: '次郎', lastName: '田中', email: 'jiro@acme.example', language: 'ja' });
    agent = await seedPerson(db, { kind: 'staff', roles: ['agent'], firstName: 'Ai', lastName: 'Agent', email: 'ai.agent@vendor.example' });
    for (const name of ['Sentinel LDK', 'Sentinel RMS', 'HASP SRM']) await db.insertInto('products').values({ name, active: 1, created_at: Date.now() }).execute();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-upload-'));
    attachmentFile = path.join(dir, `license ${HOSTILE.slice(0, 20).replace(/[/\\]/g, '')}.log`);
    fs.writeFileSync(attachmentFile, 'HASP license manager log\n');
  });
  afterAll(() => portal?.close());

  /** A case opened through the same service as "Create Case", for stories that start at the queue. */
  async function seedCase(contactId: number, subject: string) {
    const db = portal.server.db;
    const person = await db.selectFrom('people').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => {} };
    return openCase(deps, { person, roles: [] }, { type: 'portal_issue', productId: null, priority: 2, subject, description: 'Opened for the queue story.', attachmentIds: [] }, Date.now());
  }

  /**
   * Create Case's description grows with its text from 6 lines up to 20, then scrolls
   * (GrowingTextarea): sized by CSS (`field-sizing: content`), or else by Mantine's autosize.
   */
  async function expectDescriptionGrows(page: Page, sizing: 'content' | 'fixed') {
    const description = page.getByLabel('Description');
    expect(await description.evaluate((box) => getComputedStyle(box).getPropertyValue('field-sizing'))).toBe(sizing);
    const size = () => description.evaluate((box: HTMLTextAreaElement) => ({ height: box.clientHeight, content: box.scrollHeight, line: parseFloat(getComputedStyle(box).lineHeight) }));
    const empty = await size();
    expect(empty.height).toBeGreaterThanOrEqual(6 * empty.line);
    await description.fill(Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n'));
    await expect.poll(async () => (await size()).height).toBeGreaterThan(empty.height + 3 * empty.line);
    await description.fill(Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n'));
    await expect.poll(async () => (await size()).content).toBeGreaterThan(20 * empty.line);
    const full = await size();
    expect(full.height).toBeLessThan(21 * full.line + 30);
    expect(full.content).toBeGreaterThan(full.height);
  }

  async function expectNoScriptRan(page: Page) {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  }

  it('A contact opens a case, the agent works it, and the contact rejects, then accepts the solution and answers the survey', async () => {
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, contact.email, contact.password);
    await page.getByRole('button', { name: 'Hanako Suzuki' }).waitFor();

    await page.getByRole('link', { name: 'Create Case' }).first().click();
    await page.getByRole('heading', { name: 'Create Case' }).waitFor();
    await page.getByLabel('What type of help do you need').selectOption('product_issue');
    const product = page.getByRole('combobox', { name: 'Product' });
    await product.fill('Sentinel');
    await page.getByRole('option', { name: 'Sentinel RMS' }).waitFor();
    await page.getByRole('option', { name: 'Sentinel LDK' }).click();
    await page.getByRole('textbox', { name: 'Subject' }).fill(`License not found ${HOSTILE}`);
    await expectDescriptionGrows(page, 'content');
    await page.getByLabel('Description').fill(`The runtime reports H0007.\n${HOSTILE}`);
    await page.getByLabel('Add attachments').setInputFiles(attachmentFile);
    await page.getByText('Ready').waitFor();
    await expectNoAxeViolations(page, 'Create Case');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const created = page.getByText(/Created CS\d{7}/);
    await created.waitFor();
    const number = /CS\d{7}/.exec(await created.innerText())![0];

    const opened = await mailTo(portal, contact.email, `Case ${number} opened - License not found`);
    expect(opened.text).toContain(`${portal.baseUrl}/cases/${number}`);
    await mailTo(portal, agent.email, `New case ${number}`);

    await page.getByRole('link', { name: 'My Cases' }).first().click();
    const row = page.getByRole('row', { name: new RegExp(number) });
    await row.waitFor();
    for (const header of ['Number', 'Product Name', 'Short description', 'Priority', 'State', 'Account', 'Updated']) {
      await page.getByRole('columnheader', { name: header }).first().waitFor();
    }
    expect(await row.innerText()).toContain('Sentinel LDK');
    expect(await row.innerText()).toContain('3 - Moderate');
    await expectNoAxeViolations(page, 'My Cases');
    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: 'Case Activity' }).waitFor();
    await page.getByText(`License not found ${HOSTILE}`).first().waitFor();
    await page.getByRole('link', { name: /license/ }).first().waitFor();
    await expectNoScriptRan(page);
    await expectNoAxeViolations(page, 'case page (contact)');

    // The agent takes the case from the queue and asks for information.
    const agentPage = (await portal.newPage()).page;
    await logInWithEmailCode(portal, agentPage, agent.email, agent.password);
    await agentPage.getByRole('link', { name: 'Queue' }).first().click();
    await agentPage.getByRole('row', { name: new RegExp(number) }).getByRole('link', { name: number }).click();
    await expectNoScriptRan(agentPage);
    await agentPage.getByRole('button', { name: 'Start work' }).click();
    // The guide's state bar marks where the case is. It names every step from the start, so the
    // wait is for its current step: waiting for the words anywhere passed before the case moved.
    const progress = agentPage.getByRole('navigation', { name: 'Case progress' });
    await progress.locator('[aria-current="step"]', { hasText: 'Work in Progress' }).waitFor();
    expect(await progress.locator('[aria-current="step"]').innerText()).toContain('Work in Progress');
    // Two modes, chosen up front: a reply by default; the note mode says who reads it everywhere.
    await agentPage.getByRole('button', { name: 'Send reply' }).waitFor();
    await agentPage.getByText('Internal work note', { exact: true }).click();
    await agentPage.getByText('Internal work note: only support staff see it. The customer is not told.').waitFor();
    await agentPage.getByRole('textbox', { name: 'Internal work note' }).fill('Internal: customer is on the old runtime.');
    await agentPage.getByRole('button', { name: 'Save work note' }).click();
    await agentPage.getByText('Internal work note · not visible to the customer').first().waitFor();
    // After a note, the form is back to replying.
    await agentPage.getByRole('button', { name: 'Send reply' }).waitFor();
    await expectNoAxeViolations(agentPage, 'case page (agent)');
    await agentPage.getByRole('button', { name: 'Propose solution' }).click();
    const dialog = agentPage.getByRole('dialog');
    await dialog.getByLabel('Solution').fill('Install runtime 8.53 and restart the license manager.');
    await dialog.getByRole('button', { name: 'Propose solution' }).click();
    await agentPage.getByText('Resolved').first().waitFor();
    await mailTo(portal, contact.email, `Case ${number} has been resolved`);

    // Without a reload, the contact's page shows the box asking for an answer.
    await page.getByRole('heading', { name: 'This case requires your action' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('Internal: customer is on the old runtime.').count()).toBe(0);
    await page.getByRole('button', { name: 'Reject Solution' }).click();
    const reject = page.getByRole('dialog');
    await reject.getByRole('button', { name: 'Reject Solution' }).click();
    await reject.getByText(/required/i).first().waitFor();
    await reject.getByLabel('Comment').fill('Still failing after the update.');
    await reject.getByRole('button', { name: 'Reject Solution' }).click();
    await page.getByText('Work in Progress').first().waitFor();

    await agentPage.reload();
    await agentPage.getByRole('button', { name: 'Propose solution' }).click();
    await agentPage.getByRole('dialog').getByLabel('Solution').fill('Replace the dongle; a new one is on its way.');
    await agentPage.getByRole('dialog').getByRole('button', { name: 'Propose solution' }).click();
    await page.getByRole('button', { name: 'Accept Solution' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Accept Solution' }).click();
    await page.getByRole('link', { name: 'Create follow-up case' }).waitFor();
    expect(await page.getByLabel('Comment').count()).toBe(0);
    await mailTo(portal, contact.email, `Case ${number} has been closed`);

    // The survey.
    const invitation = await mailTo(portal, contact.email, `Case ${number}: how did we do?`);
    const surveyUrl = /(http:\/\/\S+\/surveys\/\d+)/.exec(invitation.text ?? '')![1]!;
    await page.goto(surveyUrl);
    for (const group of await page.getByRole('radiogroup').all()) await group.getByRole('radio').nth(4).check();
    await expectNoAxeViolations(page, 'survey');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('link', { name: 'Surveys' }).first().click();
    await page.getByText(number).first().waitFor();

    // Follow-up: Create Case opens filled in and linked to the old case.
    await page.goto(`/cases/${number}`);
    await page.getByRole('link', { name: 'Create follow-up case' }).click();
    await page.getByText(new RegExp(`follows up the closed case ${number}`)).waitFor();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const followUp = /CS\d{7}/.exec(await page.getByText(/Created CS\d{7}/).innerText())![0];
    await page.goto(`/cases/${followUp}`);
    await page.getByText(number).first().waitFor();
  });

  it('Where the browser cannot size a textarea to its text by CSS, Mantine’s autosize grows it', async () => {
    const { page } = await portal.newPage();
    await page.addInitScript(() => {
      const supports = CSS.supports.bind(CSS);
      CSS.supports = (...query: [string, string?]) => (query[0] === 'field-sizing' ? false : supports(...(query as [string, string])));
    });
    await logInWithEmailCode(portal, page, contact.email, contact.password);
    await page.goto('/create-case');
    await page.getByRole('heading', { name: 'Create Case' }).waitFor();
    await expectDescriptionGrows(page, 'fixed');
  });

  it('A Japanese contact works a case in Japanese and gets Japanese mails', async () => {
    const { page } = await portal.newPage({ locale: 'ja-JP' });
    await page.goto('/login');
    await logInWithEmailCode(portal, page, jaContact.email, jaContact.password, { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' });
    await page.getByRole('link', { name: 'ケースの作成' }).first().click();
    const product = page.getByRole('combobox', { name: '製品' });
    await product.fill('HASP');
    await page.getByRole('option', { name: 'HASP SRM' }).click();
    await page.getByRole('textbox', { name: '件名' }).fill('ドングルが認識されない');
    await page.getByLabel('内容').fill('USB ドングルを挿しても認識されません。');
    await expectNoAxeViolations(page, 'Create Case (ja)');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    const number = /CS\d{7}/.exec(await page.getByText(/CS\d{7}/).first().innerText())![0];
    // Entirely in Japanese, with the case number first for inbox rules.
    const mail = await mailTo(portal, jaContact.email, `ケース ${number} を受け付けました - ドングルが認識されない`);
    expect(mail.subject).toBe(`ケース ${number} を受け付けました - ドングルが認識されない`);
    expect(mail.text).toContain('田中 次郎 さま');

    await page.getByRole('link', { name: 'マイケース' }).first().click();
    await page.getByRole('row', { name: new RegExp(number) }).waitFor();
    await page.getByRole('columnheader', { name: '番号' }).first().waitFor();
    await expectNoAxeViolations(page, 'My Cases (ja)');
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: 'ケースアクティビティ' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'ケースの進捗' }).locator('[aria-current="step"]').innerText()).toContain('新規');
    await page.getByLabel('コメント').fill('ログを添付します。');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByText('ログを添付します。').first().waitFor();
    await expectNoAxeViolations(page, 'case page (ja)');

    // A Japanese agent writes an internal note in the coloured note mode.
    const jaAgent = await seedPerson(portal.server.db, { kind: 'staff', roles: ['agent'], language: 'ja', firstName: '健', lastName: '小林' });
    const agentPage = (await portal.newPage({ locale: 'ja-JP' })).page;
    await agentPage.goto('/login');
    await logInWithEmailCode(portal, agentPage, jaAgent.email, jaAgent.password, { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' });
    await agentPage.goto(`/cases/${number}`);
    await agentPage.getByRole('button', { name: '返信を送信' }).waitFor();
    await agentPage.getByText('社内作業メモ', { exact: true }).click();
    await agentPage.getByText('社内作業メモ: サポートスタッフだけが閲覧できます。お客様には通知されません。').waitFor();
    await agentPage.getByRole('textbox', { name: '社内作業メモ' }).fill('旧ランタイムの可能性あり。');
    await agentPage.getByRole('button', { name: '作業メモを保存' }).click();
    await agentPage.getByText('社内作業メモ · お客様には表示されません').first().waitFor();
    await expectNoAxeViolations(agentPage, 'case page, work note (ja)');
  });

  it('An agent narrows the queue to one customer account by typing part of its name, and the filter stays in the address', async () => {
    const db = portal.server.db;
    const globex = await seedAccount(db, 'Globex Trading');
    const globexContact = await seedPerson(db, { accountId: globex.id, firstName: 'Gus', lastName: 'Globex', email: 'gus@globex.example' });
    const acmeContact = await seedPerson(db, { accountId: acmeId, firstName: 'Aiko', lastName: 'Acme', email: 'aiko@acme.example' });
    await seedCase(globexContact.id, 'Globex dongle lost');
    await seedCase(acmeContact.id, 'Acme license expired');

    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, agent.email, agent.password);
    await page.getByRole('link', { name: 'Queue' }).first().click();
    const globexRow = page.getByRole('row', { name: /Globex dongle lost/ });
    const acmeRow = page.getByRole('row', { name: /Acme license expired/ });
    await globexRow.waitFor();
    await acmeRow.waitFor();

    const account = page.getByRole('combobox', { name: 'Account' });
    await account.fill('glob');
    await page.getByRole('option', { name: 'Globex Trading' }).click();
    await acmeRow.waitFor({ state: 'detached' });
    await globexRow.waitFor();
    await page.waitForURL(new RegExp(`[?&]account=${globex.id}(&|$)`));
    await expectNoAxeViolations(page, 'Queue filtered by account');

    // The address keeps the filter: a reload (or Back from a case) shows the same list, the account named.
    await page.reload();
    await globexRow.waitFor();
    await expect.poll(() => account.inputValue()).toBe('Globex Trading');
    expect(await acmeRow.count()).toBe(0);

    await page.getByRole('button', { name: 'Clear the account' }).click();
    await acmeRow.waitFor();
    await page.waitForURL((url) => !url.searchParams.has('account'));

    // A Japanese agent opens the same link and sees the filter named in Japanese.
    const jaAgent = await seedPerson(db, { kind: 'staff', roles: ['agent'], firstName: '花子', lastName: '山田', email: 'hanako.yamada@vendor.example', language: 'ja' });
    const jaPage = (await portal.newPage({ locale: 'ja-JP' })).page;
    await jaPage.goto('/login');
    await logInWithEmailCode(portal, jaPage, jaAgent.email, jaAgent.password, { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' });
    await jaPage.getByRole('link', { name: 'キュー' }).first().waitFor();
    await jaPage.goto(`/queue?account=${globex.id}`);
    await jaPage.getByRole('row', { name: /Globex dongle lost/ }).waitFor();
    await expect.poll(() => jaPage.getByRole('combobox', { name: 'アカウント' }).inputValue()).toBe('Globex Trading');
    expect(await jaPage.getByRole('row', { name: /Acme license expired/ }).count()).toBe(0);
    await expectNoAxeViolations(jaPage, 'Queue filtered by account (ja)');
  });
});
