import { personName } from '../../shared/names.ts';
import type { SecondFactorPolicy } from '../db/schema.ts';
import type { MailTemplate } from '../lib/mail.ts';

type Policy = Exclude<SecondFactorPolicy, 'any'>;

const required: Record<'en' | 'ja', Record<Policy, string>> = {
  en: {
    app_or_passkey: 'an authenticator app or a passkey (e-mailed codes no longer count)',
    passkey_only: 'a passkey',
  },
  ja: {
    app_or_passkey: '認証アプリまたはパスキー（メールで届くコードは使用できなくなりました）',
    passkey_only: 'パスキー',
  },
};

/** To each administrator of an account whose second-factor rule was tightened. */
export const secondFactorPolicyMail: MailTemplate<{ firstName: string; lastName: string; accountName: string; policy: Policy; changedBy: string; contactsUrl: string }> = {
  en: (p) => ({
    subject: `Sign-in rule changed for ${p.accountName}`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `${p.changedBy} changed the sign-in rule of ${p.accountName}. As a second factor, everyone in the account must now use ${required.en[p.policy]}.` },
      { kind: 'paragraph', text: 'People who do not meet the rule yet are asked to set it up at their next sign-in, before anything else; people signed in now are asked at their next step in the portal. The Contacts page shows who meets the rule.' },
      { kind: 'link', label: 'Contacts', url: p.contactsUrl },
    ],
  }),
  ja: (p) => ({
    subject: `${p.accountName} のサインイン ルールが変更されました`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `${p.changedBy} が ${p.accountName} のサインイン ルールを変更しました。今後、アカウントの全員が二要素認証に${required.ja[p.policy]}を使用する必要があります。` },
      { kind: 'paragraph', text: 'ルールを満たしていない方は、次回のサインイン時に、ほかの操作の前に設定を求められます。現在サインインしている方は、ポータルでの次の操作時に求められます。ルールを満たしているかどうかは「コンタクト」ページで確認できます。' },
      { kind: 'link', label: 'コンタクト', url: p.contactsUrl },
    ],
  }),
};
