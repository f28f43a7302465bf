import { personName } from '../../shared/names.ts';
import type { MailTemplate } from '../lib/mail.ts';

type Name = { firstName: string; lastName: string };

export const oneTimePasscodeMail: MailTemplate<Name & { code: string; minutes: number; purpose: 'sign_in' | 'reauthentication' }> = {
  en: (p) => ({
    subject: `One-time passcode for ${personName(p, 'en')}`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      {
        kind: 'paragraph',
        text:
          p.purpose === 'sign_in'
            ? 'Enter this one-time passcode on the login page to finish signing in:'
            : 'Enter this one-time passcode in the portal to confirm it is you before you change your password or second factor:',
      },
      { kind: 'code', text: p.code },
      { kind: 'paragraph', text: `It is valid for ${p.minutes} minutes and can be used once. If you did not try to log in, change your password.` },
    ],
  }),
  ja: (p) => ({
    subject: `${personName(p, 'ja')} さまのワンタイムパスコード`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      {
        kind: 'paragraph',
        text:
          p.purpose === 'sign_in'
            ? 'ログイン画面で次のワンタイムパスコードを入力して、ログインを完了してください。'
            : 'パスワードや二要素認証の設定を変更する前の本人確認として、ポータルに次のワンタイムパスコードを入力してください。',
      },
      { kind: 'code', text: p.code },
      { kind: 'paragraph', text: `有効期間は ${p.minutes} 分で、1 回だけ使用できます。ログインを試みていない場合は、パスワードを変更してください。` },
    ],
  }),
};

export const resetPasswordMail: MailTemplate<Name & { temporaryPassword: string; loginUrl: string; minutes: number }> = {
  en: (p) => ({
    subject: 'Customer Reset Password',
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: 'Your password for the Customer Support Portal was reset. Log in with this temporary password:' },
      { kind: 'code', text: p.temporaryPassword },
      { kind: 'paragraph', text: `It is valid for ${p.minutes} minutes and works once: after logging in with it you choose a new password. Until you use it, your old password keeps working; if you did not ask for a reset, ignore this mail.` },
      { kind: 'link', label: 'Log in', url: p.loginUrl },
    ],
  }),
  ja: (p) => ({
    subject: 'パスワードのリセット',
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: 'カスタマーサポートポータルのパスワードをリセットしました。次の仮パスワードでログインしてください。' },
      { kind: 'code', text: p.temporaryPassword },
      { kind: 'paragraph', text: `有効期間は ${p.minutes} 分で、1 回だけ使用できます。ログイン後に新しいパスワードを設定していただきます。仮パスワードを使用するまでは、これまでのパスワードも使用できます。リセットを依頼していない場合は、このメールを破棄してください。` },
      { kind: 'link', label: 'ログイン', url: p.loginUrl },
    ],
  }),
};
