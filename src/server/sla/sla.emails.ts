import type { MailTemplate } from '../lib/mail.ts';

/** Which target is about to pass, and when, already written in the reader's language and time zone. */
export type SlaWarning = { number: string; subject: string; accountName: string; target: 'first_response' | 'resolution'; due: string; passed: boolean; url: string };

const targetName = { en: { first_response: 'First response', resolution: 'Resolution' }, ja: { first_response: '初回回答', resolution: '解決' } } as const;

/** To the case's assignee and the vendor's administrators, once per case and target. */
export const slaWarningMail: MailTemplate<SlaWarning> = {
  en: (p) => ({
    subject: `Case ${p.number}: ${targetName.en[p.target].toLowerCase()} target ${p.passed ? 'passed' : 'due soon'}`,
    greeting: 'Hello,',
    blocks: [
      { kind: 'paragraph', text: p.passed ? `The ${targetName.en[p.target].toLowerCase()} target of case ${p.number} has passed.` : `The ${targetName.en[p.target].toLowerCase()} target of case ${p.number} falls due soon.` },
      { kind: 'fields', rows: [['Case Number', p.number], ['Account', p.accountName], ['Short description', p.subject], [`${targetName.en[p.target]} due by`, p.due]] },
      { kind: 'link', label: 'Open the case', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} の${targetName.ja[p.target]}の目標期限${p.passed ? 'を過ぎました' : 'が近づいています'}`,
    greeting: 'ご担当者さま',
    blocks: [
      { kind: 'paragraph', text: `ケース ${p.number} の${targetName.ja[p.target]}の目標期限${p.passed ? 'を過ぎました。' : 'が近づいています。'}` },
      { kind: 'fields', rows: [['ケース番号', p.number], ['アカウント', p.accountName], ['件名', p.subject], [`${targetName.ja[p.target]}の期限`, p.due]] },
      { kind: 'link', label: 'ケースを開く', url: p.url },
    ],
  }),
};
