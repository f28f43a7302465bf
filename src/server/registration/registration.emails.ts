import type { Language, PreferredContact } from '../db/schema.ts';
import type { MailTemplate } from '../lib/mail.ts';
import { personName } from '../../shared/names.ts';

type Applicant = {
  firstName: string;
  lastName: string;
  email: string;
  accountName: string;
  timeZone: string;
  countryLabel: string;
  phone: string;
  mobile: string;
  preferredContact: PreferredContact;
};

const contactLabels: Record<Language, Record<PreferredContact, string>> = {
  en: { portal: 'Support Portal', email: 'Email', phone: 'Phone' },
  ja: { portal: 'サポートポータル', email: 'メール', phone: '電話' },
};

export const reviewRequestMail: MailTemplate<{ applicant: Applicant; number: string; url: string; recipientName: { firstName: string; lastName: string } }> = {
  en: ({ applicant: a, number, url, recipientName }) => ({
    subject: `Registration request for ${a.accountName} requires your review`,
    greeting: `Hello ${personName(recipientName, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `A user registration request (${number}) for your organisation's Support Portal account requires your review. Please see the user details below:` },
      {
        kind: 'fields',
        rows: [
          ['Name', personName(a, 'en')],
          ['Account', a.accountName],
          ['Email', a.email],
          ['Time zone', a.timeZone],
          ['Country code', a.countryLabel],
          ['Phone number', a.phone],
          ['Mobile phone', a.mobile],
          ['Preferred contact method', contactLabels.en[a.preferredContact]],
        ],
      },
      { kind: 'link', label: 'Link to Approve or Reject', url },
    ],
  }),
  ja: ({ applicant: a, number, url, recipientName }) => ({
    subject: `${a.accountName} への利用者登録申請の承認のお願い`,
    greeting: `${personName(recipientName, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `貴組織のサポートポータルのアカウントに利用者登録申請 (${number}) がありました。内容をご確認のうえ、承認または却下してください。` },
      {
        kind: 'fields',
        rows: [
          ['氏名', personName(a, 'ja')],
          ['アカウント', a.accountName],
          ['メールアドレス', a.email],
          ['タイムゾーン', a.timeZone],
          ['国番号', a.countryLabel],
          ['電話番号', a.phone],
          ['携帯電話', a.mobile],
          ['希望する連絡方法', contactLabels.ja[a.preferredContact]],
        ],
      },
      { kind: 'link', label: '承認・却下のページ', url },
    ],
  }),
};

type ApplicantName = { firstName: string; lastName: string; number: string };

export const requestReceivedMail: MailTemplate<ApplicantName> = {
  en: (p) => ({
    subject: `Registration request ${p.number} received`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `We received your registration request ${p.number}. It has been sent to your organisation's registration approvers; you will receive an e-mail when it has been processed.` },
    ],
  }),
  ja: (p) => ({
    subject: `利用者登録申請 ${p.number} を受け付けました`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [{ kind: 'paragraph', text: `利用者登録申請 ${p.number} を受け付けました。貴組織の登録承認者に承認を依頼しました。処理が完了しましたら、メールでお知らせします。` }],
  }),
};

export const registrationProcessedMail: MailTemplate<ApplicantName & { email: string; temporaryPassword: string; loginUrl: string; days: number }> = {
  en: (p) => ({
    subject: 'Customer Registration Processed',
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `Your registration request ${p.number} has been approved. You can now log in to the Customer Support Portal.` },
      { kind: 'fields', rows: [['Email', p.email], ['Temporary password', p.temporaryPassword]] },
      { kind: 'paragraph', text: `The temporary password works once, within ${p.days} days: at your first login you choose a new password. If it expires, choose "Forgot your password?" on the login page.` },
      { kind: 'link', label: 'Log in', url: p.loginUrl },
    ],
  }),
  ja: (p) => ({
    subject: '利用者登録が完了しました',
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `利用者登録申請 ${p.number} が承認されました。カスタマーサポートポータルにログインできます。` },
      { kind: 'fields', rows: [['メールアドレス', p.email], ['仮パスワード', p.temporaryPassword]] },
      { kind: 'paragraph', text: `仮パスワードは ${p.days} 日以内に 1 回だけ使用できます。初回ログイン時に新しいパスワードを設定していただきます。期限が切れた場合は、ログイン画面の「パスワードをお忘れですか?」から再発行してください。` },
      { kind: 'link', label: 'ログイン', url: p.loginUrl },
    ],
  }),
};

/**
 * To a newcomer of single sign-on whose request was approved: no password (they have none), but
 * how to sign in with their organisation's own sign-in, and the way to a password should they ever
 * need one.
 */
export const ssoRegistrationProcessedMail: MailTemplate<ApplicantName & { email: string; loginUrl: string }> = {
  en: (p) => ({
    subject: 'Customer Registration Processed',
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `Your registration request ${p.number} has been approved. You can now log in to the Customer Support Portal.` },
      { kind: 'paragraph', text: `You log in with your organisation's own sign-in (single sign-on), as you did when you registered; you have no separate portal password. On the login page, enter your e-mail address (${p.email}) and choose "Continue with single sign-on".` },
      { kind: 'paragraph', text: 'Should you ever need a portal password, for example while your organisation\'s sign-in service is down, choose "Forgot your password?" on the login page.' },
      { kind: 'link', label: 'Log in', url: p.loginUrl },
    ],
  }),
  ja: (p) => ({
    subject: '利用者登録が完了しました',
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `利用者登録申請 ${p.number} が承認されました。カスタマーサポートポータルにログインできます。` },
      { kind: 'paragraph', text: `ログインには、申請時と同じく組織のログインサービス(シングルサインオン)を使用します。ポータル専用のパスワードはありません。ログインページでメールアドレス(${p.email})を入力し、「シングルサインオンで続行」を選択してください。` },
      { kind: 'paragraph', text: '組織のログインサービスが利用できないときなど、ポータルのパスワードが必要になった場合は、ログインページの「パスワードをお忘れですか?」から取得してください。' },
      { kind: 'link', label: 'ログイン', url: p.loginUrl },
    ],
  }),
};

export const registrationRejectedMail: MailTemplate<ApplicantName & { accountName: string }> = {
  en: (p) => ({
    subject: `Registration request ${p.number} rejected`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `Your registration request ${p.number} for ${p.accountName} was rejected by your organisation's approver. If you think this is a mistake, contact the approver in your organisation.` },
    ],
  }),
  ja: (p) => ({
    subject: `利用者登録申請 ${p.number} は却下されました`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `${p.accountName} への利用者登録申請 ${p.number} は、貴組織の承認者によって却下されました。お心当たりがない場合は、貴組織の承認者にお問い合わせください。` },
    ],
  }),
};

export const registrationHelpMail: MailTemplate<{ name: string; email: string; company: string; message: string; url: string }> = {
  en: (p) => ({
    subject: `Registration help requested by ${p.name} (${p.company})`,
    greeting: 'Hello,',
    blocks: [
      { kind: 'paragraph', text: 'Someone asked for help with registering for the Support Portal:' },
      { kind: 'fields', rows: [['Name', p.name], ['Business Email', p.email], ['Company', p.company]] },
      { kind: 'paragraph', text: p.message },
      { kind: 'link', label: 'Open the portal', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `登録に関するお問い合わせ：${p.name}（${p.company}）`,
    greeting: 'ご担当者さま',
    blocks: [
      { kind: 'paragraph', text: 'サポートポータルへの登録について、次のお問い合わせがありました。' },
      { kind: 'fields', rows: [['氏名', p.name], ['メールアドレス', p.email], ['会社名', p.company]] },
      { kind: 'paragraph', text: p.message },
      { kind: 'link', label: 'ポータルを開く', url: p.url },
    ],
  }),
};
