import { describe, expect, it } from 'vitest';
import { oneTimePasscodeMail, resetPasswordMail } from '../auth/auth.emails.ts';
import { caseClosedMail, caseCommentedMail, caseOpenedMail, caseReminderMail, caseResolvedMail, newCaseForAgentsMail, surveyInvitationMail } from '../cases/cases.emails.ts';
import type { Language } from '../db/schema.ts';
import { secondFactorPolicyMail } from '../accounts/accounts.emails.ts';
import { registrationHelpMail, registrationProcessedMail, registrationRejectedMail, requestReceivedMail, reviewRequestMail, ssoRegistrationProcessedMail } from '../registration/registration.emails.ts';
import { renderMail, type MailContent } from './mail.ts';
import { slaWarningMail } from '../sla/sla.emails.ts';
import { replyRefusedMail, type Refusal } from '../inbound/inbound-mail.emails.ts';

// What people typed (names, subjects, comments) is in Japanese, so any Latin word left in a Japanese
// mail is the template's own English.
const name = { firstName: '太郎', lastName: '山田' };
const kase = { ...name, number: 'CS0000001', subject: 'ドングルが認識されない', url: 'https://support.example.com/cases/CS0000001', myCasesUrl: 'https://support.example.com/my-cases' };
const applicant = { ...name, email: 'taro@example.com', accountName: '株式会社サンプル', timeZone: 'Asia/Tokyo', countryLabel: '日本 +81', phone: '03-1234-5678', mobile: '', preferredContact: 'portal' as const };

const mails: Array<{ name: string; caseMail: boolean; content: (language: Language) => MailContent }> = [
  { name: 'passcode', caseMail: false, content: (l) => oneTimePasscodeMail[l]({ ...name, code: '123456', minutes: 10, purpose: 'sign_in' }) },
  { name: 'reset', caseMail: false, content: (l) => resetPasswordMail[l]({ ...name, temporaryPassword: 'x7Kq9', loginUrl: kase.url, minutes: 60 }) },
  { name: 'opened', caseMail: true, content: (l) => caseOpenedMail[l]({ ...kase, description: '挿しても反応しません。' }) },
  { name: 'commented', caseMail: true, content: (l) => caseCommentedMail[l]({ ...kase, author: { firstName: '花子', lastName: '佐藤' }, comment: 'ログをお送りください。' }) },
  { name: 'resolved', caseMail: true, content: (l) => caseResolvedMail[l]({ ...kase, solution: 'ドライバを更新してください。', autoCloseHours: 240 }) },
  { name: 'reminder', caseMail: true, content: (l) => caseReminderMail[l]({ ...kase, hoursLeft: 5, inDays: false }) },
  ...(['accepted', 'customer', 'agent', 'auto'] as const).map((how) => ({ name: `closed (${how})`, caseMail: true, content: (l: Language) => caseClosedMail[l]({ ...kase, how, notes: '対応完了です。' }) })),
  { name: 'new case', caseMail: true, content: (l) => newCaseForAgentsMail[l]({ number: kase.number, subject: kase.subject, accountName: '株式会社サンプル', priority: 2, url: kase.url }) },
  { name: 'survey', caseMail: true, content: (l) => surveyInvitationMail[l]({ ...name, number: kase.number, subject: kase.subject, url: kase.url }) },
  { name: 'review request', caseMail: false, content: (l) => reviewRequestMail[l]({ applicant, number: 'REG0000001', url: kase.url, recipientName: name }) },
  { name: 'request received', caseMail: false, content: (l) => requestReceivedMail[l]({ ...name, number: 'REG0000001' }) },
  { name: 'processed', caseMail: false, content: (l) => registrationProcessedMail[l]({ ...name, number: 'REG0000001', email: applicant.email, temporaryPassword: 'x7Kq9', loginUrl: kase.url, days: 7 }) },
  { name: 'processed (single sign-on)', caseMail: false, content: (l) => ssoRegistrationProcessedMail[l]({ ...name, number: 'REG0000001', email: applicant.email, loginUrl: kase.url }) },
  { name: 'rejected', caseMail: false, content: (l) => registrationRejectedMail[l]({ ...name, number: 'REG0000001', accountName: '株式会社サンプル' }) },
  { name: 'registration help', caseMail: false, content: (l) => registrationHelpMail[l]({ name: '山田 太郎', email: applicant.email, company: '株式会社サンプル', message: '登録できません。', url: kase.url }) },
  ...([['passkey_only', true], ['app_or_passkey', true], ['app_or_passkey', false], ['any', false]] as const).map(([policy, tightened]) => ({
    name: `sign-in rule ${tightened ? 'tightened' : 'loosened'} to ${policy}`,
    caseMail: false,
    content: (l: Language) => secondFactorPolicyMail[l]({ ...name, accountName: '株式会社サンプル', policy, tightened, changedBy: '佐藤 花子', contactsUrl: kase.url }),
  })),
  ...([['first_response', false], ['resolution', true]] as const).map(([target, passed]) => ({
    name: `SLA warning (${target}${passed ? ', passed' : ''})`,
    caseMail: true,
    content: (l: Language) => slaWarningMail[l]({ number: kase.number, subject: kase.subject, accountName: '株式会社サンプル', target, passed, due: l === 'ja' ? '2026年12月7日 10:45 日本標準時' : 'Dec 7, 2026, 10:45 AM GMT+9', url: kase.url }),
  })),
  ...(['unknown_address', 'not_the_person', 'closed_case', 'may_not_comment', 'too_large', 'attachment_too_large', 'malformed', 'empty', 'too_long'] as Refusal[]).map((reason) => ({
    name: `reply refused (${reason})`,
    caseMail: false,
    content: (l: Language) =>
      replyRefusedMail[l]({ ...name, reason, subject: '返信: ケース CS0000001 にコメントが追加されました', number: reason === 'closed_case' ? kase.number : null, detail: reason === 'attachment_too_large' ? 'ログ一式' : '35', portalUrl: kase.url }),
  })),
];

/** Latin words left once addresses, links, codes, numbers and sizes (`35 MB`, as the pages write them too) are taken out. */
const englishWords = (text: string) =>
  text
    .replace(/https?:\/\/\S+|\S+@\S+|CS\d{7}|REG\d{7}|x7Kq9|Asia\/Tokyo|<[^>]*>|&[a-z]+;|\d+ MB/g, ' ')
    .match(/[A-Za-z]{2,}/g) ?? [];

describe('mails in the reader’s language', () => {
  it.each(mails)('the Japanese "$name" mail is Japanese from subject to footer, also where it takes replies', ({ content }) => {
    for (const replies of [false, true]) {
      const mail = renderMail(content('ja'), 'ja', { replies });
      expect(englishWords(mail.subject)).toEqual([]);
      expect(englishWords(mail.text)).toEqual([]);
    }
  });

  it.each(mails.filter((m) => m.caseMail))('the "$name" mail names the case number first in its subject, in both languages', ({ content }) => {
    expect(content('en').subject).toMatch(/^(Case|New case) CS0000001\b/);
    expect(content('ja').subject).toMatch(/^ケース CS0000001 /);
  });

  it('keeps the English subjects SPEC names, with nothing added', () => {
    expect(mails.map((m) => m.content('en').subject).filter((s) => /^(Case|Customer|One-time|Registration request for)/.test(s))).toEqual([
      'One-time passcode for 太郎 山田',
      'Customer Reset Password',
      'Case CS0000001 opened - ドングルが認識されない',
      'Case CS0000001 comments added',
      'Case CS0000001 has been resolved',
      'Case CS0000001 is waiting for your answer',
      'Case CS0000001 has been closed',
      'Case CS0000001 has been closed',
      'Case CS0000001 has been closed',
      'Case CS0000001 has been closed',
      'Case CS0000001: how did we do?',
      'Registration request for 株式会社サンプル requires your review',
      'Customer Registration Processed',
      'Customer Registration Processed',
      'Case CS0000001: first response target due soon',
      'Case CS0000001: resolution target passed',
    ]);
  });
});
