import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutoClose } from '../cases/auto-close.job.ts';
import type { Language } from '../db/schema.ts';
import { createTestApp, databaseKinds, seedAccount, seedPerson, signIn, TestClient, uniqueEmail, type TestContext } from '../test/helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../test/smtp.ts';
import { deliverDueMails } from './mail-delivery.ts';

const DAY = 24 * 60 * 60 * 1000;

/** The people of one language's journey, named as that language writes them. */
const cast = {
  ja: { account: '株式会社アクメ', contact: ['太郎', '山田'], approver: ['花子', '佐藤'], agent: ['愛子', '田中'], applicant: ['次郎', '山田'], subject: 'ドングルが認識されない' },
  en: { account: 'Acme Inc.', contact: ['Taro', 'Yamada'], approver: ['Hanako', 'Sato'], agent: ['Aiko', 'Tanaka'], applicant: ['Jiro', 'Yamada'], subject: 'Dongle not detected' },
} as const;

/**
 * Latin words a Japanese reader would meet: what is left of a mail once addresses, links, case and
 * request numbers, temporary passwords and codes (indented lines) and the IANA zone are taken out.
 */
const englishWords = (text: string) =>
  text
    .replace(/^( {4}|仮パスワード: )\S+$/gm, ' ')
    .replace(/https?:\/\/\S+|\S+@\S+|CS\d{7}|REG\d{7}|Asia\/Tokyo/g, ' ')
    .match(/[A-Za-z]{2,}/g) ?? [];

describe.each(databaseKinds)('every mail, as its reader receives it over SMTP (%s)', (kind) => {
  let ctx: TestContext;
  let smtp: TestSmtpServer;
  const received = {} as Record<Language, { number: string; contact: string; approver: string; agent: string; applicant: string; rejected: string; admin: string }>;
  const mailsTo = (address: string) => smtp.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === address));
  /** The first mail to `address` with that subject; there must be one. */
  const mail = (address: string, subject: RegExp | string) => {
    const found = mailsTo(address).find((m) => (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject ?? '')));
    expect(found, `${String(subject)} to ${address}; got ${mailsTo(address).map((m) => m.subject).join(' | ')}`).toBeDefined();
    return found!;
  };

  /** Every mail the portal sends, each to a reader of `language`, through the API as people cause them. */
  async function journey(language: Language) {
    const people = cast[language];
    const person = ([firstName, lastName]: readonly [string, string]) => ({ firstName, lastName, language });
    const account = await seedAccount(ctx.db, people.account);
    const contact = await seedPerson(ctx.db, { accountId: account.id, ...person(people.contact) });
    const approver = await seedPerson(ctx.db, { accountId: account.id, roles: ['approver'], ...person(people.approver) });
    const agent = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent'], ...person(people.agent) });
    const admin = await seedPerson(ctx.db, { kind: 'staff', roles: ['agent', 'admin'], ...person(people.approver) });

    const customer = await signIn(ctx, contact);
    await new TestClient(ctx.app).post('/api/auth/forgot-password', { email: contact.email });

    const application = (email: string) => ({
      customerIdentifier: account.identifier,
      firstName: people.applicant[0],
      lastName: people.applicant[1],
      email,
      timeZone: 'Asia/Tokyo',
      countryCode: 'JP',
      phone: '03-1234-5678',
      mobile: '',
      preferredContact: 'portal',
      language,
      otpMethod: 'email',
    });
    const [applicant, rejected] = [uniqueEmail('applicant'), uniqueEmail('rejected')];
    const reviewer = await signIn(ctx, approver);
    for (const [email, decision] of [[applicant, 'approve'], [rejected, 'reject']] as const) {
      const filed = await new TestClient(ctx.app).post('/api/registration/requests', application(email));
      expect(filed.statusCode, filed.body).toBe(201);
      expect((await reviewer.post(`/api/registration/requests/${filed.json().number}/${decision}`)).statusCode).toBe(200);
    }
    await new TestClient(ctx.app).post('/api/registration/help', { name: `${people.applicant[1]} ${people.applicant[0]}`, email: uniqueEmail('help'), company: people.account, message: '…', language });

    const opened = await customer.post('/api/cases', { type: 'portal_issue', subject: people.subject, description: '…' });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as string;
    const desk = await signIn(ctx, agent);
    expect((await desk.post(`/api/cases/${number}/start`)).statusCode).toBe(200);
    expect((await desk.post(`/api/cases/${number}/comments`, { body: '…' })).statusCode).toBe(200);
    expect((await desk.post(`/api/cases/${number}/propose-solution`, { solution: '…' })).statusCode).toBe(200);
    await runAutoClose({ db: ctx.db, now: ctx.clock() + 6 * DAY, defaultAutoCloseDays: 10, publicUrl: ctx.config.publicUrl });
    expect((await customer.post(`/api/cases/${number}/accept`)).statusCode).toBe(200);

    received[language] = { number, contact: contact.email, approver: approver.email, agent: agent.email, applicant, rejected, admin: admin.email };
  }

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    smtp = await startSmtpServer();
    await journey('ja');
    await journey('en');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    while ((await deliverDueMails({ db: ctx.db, transport, from: ctx.config.mailFrom, clock: ctx.clock })) > 0);
  }, 60_000);
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });

  it('sends each Japanese reader every mail wholly in Japanese, subject and body, and no English copy', async () => {
    const { contact, approver, agent, applicant, rejected, admin } = received.ja;
    // The agent also hears of the English customer's case, whose subject and account are English as typed.
    const japanese = [contact, approver, agent, applicant, rejected].flatMap(mailsTo).filter((m) => !m.subject?.includes(received.en.number));
    // The passcode, the reset, and the case's opened, comment, solution, reminder, closed and survey mails;
    // a review request; the applicants' receipts and decisions; the new case for the agent.
    expect(japanese.length).toBeGreaterThanOrEqual(16);
    const helpForAdmin = mail(admin, `登録に関するお問い合わせ：山田 次郎（${cast.ja.account}）`);
    for (const each of [...japanese, helpForAdmin]) {
      expect(englishWords(each.subject ?? ''), each.subject).toEqual([]);
      expect(englishWords(each.text ?? ''), each.subject).toEqual([]);
      expect(each.html).toContain('<html lang="ja">');
    }
  });

  it('puts the case number first in every Japanese case mail’s subject, as the English ones do', async () => {
    const { number, contact, agent } = received.ja;
    const caseMails = [...mailsTo(contact), ...mailsTo(agent)].filter((m) => m.subject?.includes(number));
    expect(caseMails.map((m) => m.subject).sort()).toEqual(
      [
        `ケース ${number} を受け付けました - ${cast.ja.subject}`,
        `ケース ${number} にコメントが追加されました`,
        `ケース ${number} の解決策をご確認ください`,
        `ケース ${number} へのご回答をお待ちしています`,
        `ケース ${number} をクローズしました`,
        `ケース ${number} のサポートに関するアンケートのお願い`,
        `ケース ${number} が作成されました（${cast.ja.account}）- ${cast.ja.subject}`,
      ].sort(),
    );
  });

  it('keeps every English subject exactly as SPEC names it, with nothing in Japanese added', async () => {
    const { number, contact, approver, applicant } = received.en;
    expect(mail(contact, 'One-time passcode for Taro Yamada')).toBeTruthy();
    for (const subject of ['Customer Reset Password', `Case ${number} opened - ${cast.en.subject}`, `Case ${number} comments added`, `Case ${number} has been resolved`, `Case ${number} has been closed`]) {
      expect(mail(contact, subject)).toBeTruthy();
    }
    expect(mail(approver, `Registration request for ${cast.en.account} requires your review`)).toBeTruthy();
    expect(mail(applicant, 'Customer Registration Processed')).toBeTruthy();
    const english = [contact, approver, applicant].flatMap(mailsTo);
    expect(english.filter((m) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(`${m.subject}${m.text}`)).map((m) => m.subject)).toEqual([]);
  });

  it('names people family name first in Japanese mails and given name first in English ones', async () => {
    const ja = received.ja;
    expect(mail(ja.contact, /^山田 太郎 さまのワンタイムパスコード$/).text).toMatch(/^山田 太郎 さま\n/);
    expect(mail(ja.contact, /コメントが追加されました$/).text).toContain('田中 愛子 がケース');
    const review = mail(ja.approver, /承認のお願い$/).text ?? '';
    expect(review).toMatch(/^佐藤 花子 さま\n/);
    expect(review).toContain('氏名: 山田 次郎');
    expect(mail(ja.applicant, '利用者登録が完了しました').text).toMatch(/^山田 次郎 さま\n/);

    const en = received.en;
    expect(mail(en.contact, /comments added$/).text).toMatch(/^Hello Taro Yamada,\n/);
    expect(mail(en.contact, /comments added$/).text).toContain('Aiko Tanaka added a comment');
    const enReview = mail(en.approver, /requires your review$/).text ?? '';
    expect(enReview).toMatch(/^Hello Hanako Sato,\n/);
    expect(enReview).toContain('Name: Jiro Yamada');
  });
});
