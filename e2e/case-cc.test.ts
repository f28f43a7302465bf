import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, openCase } from '../src/server/cases/cases.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, logInWithEmailCode, mailTo, startPortal, type Portal } from './fixtures.ts';

const JAPANESE = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

describe('CC on a case, in a real browser', () => {
  let portal: Portal;
  let contact: { id: number; email: string; password: string };
  let colleague: { id: number; email: string; password: string };
  let number: string;

  beforeAll(async () => {
    portal = await startPortal();
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Ken', lastName: 'Mori', email: 'ken.cc@acme.example' });
    colleague = await seedPerson(db, { accountId: account.id, firstName: '花子', lastName: '佐藤', email: 'hanako.cc@acme.example', language: 'ja' });
    const person = await db.selectFrom('people').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => {} };
    number = (await openCase(deps, { person, roles: [] }, { type: 'portal_issue', productId: null, priority: 3, subject: 'License server unreachable', description: '—', attachmentIds: [] }, Date.now())).number;
  });
  afterAll(() => portal?.close());

  it('A contact adds a colleague as a watcher, who finds the case under the cases they follow, gets its mail in Japanese, and turns such mails off', async () => {
    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, contact.email, contact.password);
    await page.goto(`/cases/${number}`);
    // A screenshot attached to the case shows a preview the server made of it.
    const shot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-shot-')), 'screen.png');
    fs.writeFileSync(shot, await sharp({ create: { width: 800, height: 600, channels: 3, background: '#cc3333' } }).png().toBuffer());
    await page.locator('input[type="file"]').setInputFiles(shot);
    const preview = page.getByRole('img', { name: 'Preview of screen.png' });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
    // An upload the server is slow to take shows its progress and can be cancelled.
    await page.route('**/attachments', () => {});
    const big = path.join(path.dirname(shot), 'trace.bin');
    fs.writeFileSync(big, Buffer.alloc(256 * 1024, 1));
    await page.locator('input[type="file"]').setInputFiles(big);
    await page.getByRole('progressbar', { name: 'Uploading trace.bin' }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Cancel the upload of trace.bin' }).click();
    await page.getByRole('progressbar', { name: 'Uploading trace.bin' }).waitFor({ state: 'detached' });
    await page.unroute('**/attachments');
    expect(await page.getByText('trace.bin').count()).toBe(0);
    const watchers = page.getByRole('region', { name: 'Watchers (CC)' });
    await watchers.getByText('No colleague follows this case.').waitFor();
    await watchers.getByLabel('Colleague to add').selectOption({ label: `花子 佐藤 (${colleague.email})` });
    await watchers.getByRole('button', { name: 'Add watcher' }).click();
    await watchers.getByText('花子 佐藤').waitFor();
    await expectNoAxeViolations(page, 'case page with a watcher');

    const ja = (await portal.newPage({ locale: 'ja-JP' })).page;
    await ja.goto('/login');
    await logInWithEmailCode(portal, ja, colleague.email, colleague.password, JAPANESE);
    await ja.getByRole('link', { name: 'マイケース' }).first().click();
    await ja.getByText('フォロー中のケース').click();
    await ja.getByRole('link', { name: number }).click();
    await ja.getByRole('heading', { name: 'ウォッチャー（CC）' }).waitFor();
    expect(await ja.getByRole('button', { name: '解決策を承認' }).count()).toBe(0);
    await expectNoAxeViolations(ja, 'case page as a watcher (ja)');

    // An agent's comment reaches the watcher, in Japanese.
    const db = portal.server.db;
    const agent = await seedPerson(db, { kind: 'staff', roles: ['agent'] });
    const agentRow = await db.selectFrom('people').selectAll().where('id', '=', agent.id).executeTakeFirstOrThrow();
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => portal.server.app.deps.kickMail() };
    await addComment(deps, { person: agentRow, roles: ['agent'] }, number, { body: 'Please restart the service.', attachmentIds: [], workNote: false }, Date.now());
    const mail = await mailTo(portal, colleague.email, `ケース ${number} にコメントが追加されました`);
    expect(mail.text).toContain('佐藤 花子 さま');

    // The watcher turns comment mails off in My Account.
    await ja.goto('/my-account');
    const caseMails = ja.getByRole('region', { name: 'ケースのメール' });
    await caseMails.getByRole('switch', { name: 'コメントの追加' }).click();
    await caseMails.getByText('保存しました。').waitFor();
    expect(await caseMails.getByRole('switch', { name: 'コメントの追加' }).isChecked()).toBe(false);
    await expectNoAxeViolations(ja, 'My Account, case mails (ja)');
  });
});
