import { personName } from '../../shared/names.ts';
import type { SecondFactorPolicy } from '../db/schema.ts';
import type { MailTemplate } from '../lib/mail.ts';

/**
 * What the rule now in force lets everyone use, as the mail's sentence ends: after a tightening
 * what they must use, after a loosening what they may. (A tightening never reaches "any".)
 */
const phrases: Record<'en' | 'ja', Record<'tightened' | 'loosened', Record<SecondFactorPolicy, string>>> = {
  en: {
    tightened: {
      any: 'an e-mailed code, an authenticator app or a passkey',
      app_or_passkey: 'an authenticator app or a passkey (e-mailed codes no longer count)',
      passkey_only: 'a passkey',
    },
    loosened: {
      any: 'an e-mailed code, an authenticator app or a passkey',
      app_or_passkey: 'an authenticator app or a passkey (e-mailed codes still do not count)',
      passkey_only: 'a passkey',
    },
  },
  ja: {
    tightened: {
      any: 'メールで届くコード、認証アプリ、パスキーのいずれか',
      app_or_passkey: '認証アプリまたはパスキー（メールで届くコードは使用できなくなりました）',
      passkey_only: 'パスキー',
    },
    loosened: {
      any: 'メールで届くコード、認証アプリ、パスキーのいずれか',
      app_or_passkey: '認証アプリまたはパスキー（メールで届くコードは引き続き使用できません）',
      passkey_only: 'パスキー',
    },
  },
};

type PolicyMail = {
  firstName: string;
  lastName: string;
  accountName: string;
  /** The rule now in force. */
  policy: SecondFactorPolicy;
  /** Stricter than before (true) or looser (false). */
  tightened: boolean;
  changedBy: string;
  contactsUrl: string;
};

/**
 * To each administrator of an account whose second-factor rule changed, either way. A loosening is
 * said as plainly as a tightening: it is what someone holding an administrator's session would do,
 * and the other administrators are the ones who notice.
 */
export const secondFactorPolicyMail: MailTemplate<PolicyMail> = {
  en: (p) => ({
    subject: `Sign-in rule ${p.tightened ? 'tightened' : 'loosened'} for ${p.accountName}`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: p.tightened
      ? [
          { kind: 'paragraph', text: `${p.changedBy} tightened the sign-in rule of ${p.accountName}. As a second factor, everyone in the account must now use ${phrases.en.tightened[p.policy]}.` },
          { kind: 'paragraph', text: 'People who do not meet the rule yet are asked to set it up at their next sign-in, before anything else; people signed in now are asked at their next step in the portal. The Contacts page shows who meets the rule.' },
          { kind: 'link', label: 'Contacts', url: p.contactsUrl },
        ]
      : [
          { kind: 'paragraph', text: `${p.changedBy} loosened the sign-in rule of ${p.accountName}. As a second factor, everyone in the account may now use ${phrases.en.loosened[p.policy]}.` },
          { kind: 'paragraph', text: 'A looser rule accepts weaker second factors. If you did not expect this change, check it with your organisation and set the rule again on the Contacts page.' },
          { kind: 'link', label: 'Contacts', url: p.contactsUrl },
        ],
  }),
  ja: (p) => ({
    subject: `${p.accountName} のサインイン ルールが${p.tightened ? '強化' : '緩和'}されました`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: p.tightened
      ? [
          { kind: 'paragraph', text: `${p.changedBy} が ${p.accountName} のサインイン ルールを強化しました。今後、アカウントの全員が二要素認証に${phrases.ja.tightened[p.policy]}を使用する必要があります。` },
          { kind: 'paragraph', text: 'ルールを満たしていない方は、次回のサインイン時に、ほかの操作の前に設定を求められます。現在サインインしている方は、ポータルでの次の操作時に求められます。ルールを満たしているかどうかは「コンタクト」ページで確認できます。' },
          { kind: 'link', label: 'コンタクト', url: p.contactsUrl },
        ]
      : [
          { kind: 'paragraph', text: `${p.changedBy} が ${p.accountName} のサインイン ルールを緩和しました。今後、アカウントの全員が二要素認証に${phrases.ja.loosened[p.policy]}を使用できます。` },
          { kind: 'paragraph', text: 'ルールを緩和すると、より弱い二要素認証も受け付けられます。心当たりのない変更の場合は、組織内で確認のうえ、「コンタクト」ページでルールを設定し直してください。' },
          { kind: 'link', label: 'コンタクト', url: p.contactsUrl },
        ],
  }),
};
