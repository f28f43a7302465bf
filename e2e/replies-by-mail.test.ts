import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWatcher } from '../src/server/cases/case-watchers.ts';
import { findCaseByNumber } from '../src/server/cases/cases.repository.ts';
import { openCase } from '../src/server/cases/cases.service.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { logInWithEmailCode, mailTo, startPortal, type Portal } from './fixtures.ts';

const JAPANESE = { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' };

describe('Replies by e-mail, in a real browser', () => {
  let portal: Portal;
  let contact: { id: number; email: string; password: string };
  let colleague: { id: number; email: string; password: string };
  let number: string;
  /** A mail client sending to the portal's own SMTP listener, as the MX's sender would. */
  const send = (message: SendMailOptions) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: portal.server.inboundSmtpPort!, secure: false, ignoreTLS: true }).sendMail(message);
  const quoted = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n');

  beforeAll(async () => {
    portal = await startPortal({ env: { REPLY_ADDRESS: 'support@replies.example', INBOUND_SMTP_PORT: '0', INBOUND_SMTP_HOST: '127.0.0.1' } });
    const db = portal.server.db;
    const account = await seedAccount(db, 'Acme Japan K.K.');
    contact = await seedPerson(db, { accountId: account.id, firstName: 'Ken', lastName: 'Mori', email: 'ken.replies@acme.example' });
    colleague = await seedPerson(db, { accountId: account.id, firstName: '花子', lastName: '佐藤', email: 'hanako.replies@acme.example', language: 'ja' });
    const person = await db.selectFrom('people').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    const actor = { person, roles: [] };
    const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 10, kickMail: () => portal.server.app.deps.kickMail(), replies: portal.server.app.deps.replies };
    number = (await openCase(deps, actor, { type: 'portal_issue', productId: null, priority: 3, subject: 'Label printer jams', description: 'Every morning', attachmentIds: [] }, Date.now())).number;
    await addWatcher(db, actor, (await findCaseByNumber(db, number))!, colleague.id, { now: Date.now(), ip: '127.0.0.1' });
  });
  afterAll(() => portal?.close());

  it('A contact replies to a case mail and reads the reply, with its file, on the case page; a colleague replies in Japanese', async () => {
    const opened = await mailTo(portal, contact.email, `Case ${number} opened`);
    expect(opened.text!.split('\n')[0]).toBe('—— Reply above this line ——');
    expect(opened.text).toContain('You can reply to this mail');
    const replyTo = opened.replyTo!.text;
    await send({
      from: `Ken Mori <${contact.email}>`,
      to: replyTo,
      subject: `Re: ${opened.subject}`,
      inReplyTo: opened.messageId,
      text: `It jammed again at 9:00; photo attached.\n\nOn Mon, Dec 7, 2026 at 9:05 AM Caseway <${replyTo}> wrote:\n${quoted(opened.text!)}\n`,
      attachments: [{ filename: 'jam.txt', content: 'paper path sensor 3' }],
    });

    const { page } = await portal.newPage();
    await logInWithEmailCode(portal, page, contact.email, contact.password);
    await page.goto(`/cases/${number}`);
    const activity = page.getByRole('region', { name: 'Case Activity' });
    await activity.getByText('It jammed again at 9:00; photo attached.').waitFor();
    await activity.getByText('jam.txt').waitFor();
    expect(await activity.getByText('Reply above this line').count()).toBe(0);

    // The watcher hears of the reply in Japanese, in a mail that takes a reply too.
    const commented = await mailTo(portal, colleague.email, `ケース ${number} にコメントが追加されました`);
    expect(commented.text!.split('\n')[0]).toBe('―― この行より上に返信を書いてください ――');
    expect(commented.text).toContain('このメールに返信できます');
    expect(commented.text).toContain('It jammed again at 9:00');
    await send({
      from: colleague.email,
      to: commented.replyTo!.text,
      subject: `Re: ${commented.subject}`,
      text: `こちらでも同じ症状です。\n\n2026年12月7日(月) 9:10 Caseway <${commented.replyTo!.text}>:\n${quoted(commented.text!)}\n`,
    });
    const ja = (await portal.newPage({ locale: 'ja-JP' })).page;
    await ja.goto('/login');
    await logInWithEmailCode(portal, ja, colleague.email, colleague.password, JAPANESE);
    await ja.goto(`/cases/${number}`);
    const jaActivity = ja.getByRole('region', { name: 'ケースアクティビティ' });
    await jaActivity.getByText('こちらでも同じ症状です。').waitFor();
    expect(await jaActivity.getByText('2026年12月7日(月) 9:10').count()).toBe(0);
  });
});
