import { personName, type NameParts } from '../../shared/names.ts';
import type { MailBlock, MailTemplate } from '../lib/mail.ts';

type CaseMail = { number: string; subject: string; url: string; myCasesUrl: string; firstName: string; lastName: string };

const myCases = (p: CaseMail, language: 'en' | 'ja'): MailBlock =>
  language === 'en'
    ? { kind: 'link', label: 'You can review all of your cases by logging into the Support Portal and selecting My Cases', url: p.myCasesUrl }
    : { kind: 'link', label: 'サポートポータルにログインし、「マイケース」からすべてのケースを確認できます', url: p.myCasesUrl };

export const caseOpenedMail: MailTemplate<CaseMail & { description: string }> = {
  en: (p) => ({
    subject: `Case ${p.number} opened - ${p.subject}`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: 'This is to notify you that the following case has been opened for your issue:' },
      { kind: 'fields', rows: [['Case Number', p.number], ['Short description', p.subject]] },
      { kind: 'link', label: 'Click here to view the details of this case', url: p.url },
      myCases(p, 'en'),
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} を受け付けました - ${p.subject}`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: 'お問い合わせについて、次のケースを作成しました。' },
      { kind: 'fields', rows: [['ケース番号', p.number], ['件名', p.subject]] },
      { kind: 'link', label: 'ケースの詳細を見る', url: p.url },
      myCases(p, 'ja'),
    ],
  }),
};

export const caseCommentedMail: MailTemplate<CaseMail & { author: NameParts; comment: string }> = {
  en: (p) => ({
    subject: `Case ${p.number} comments added`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `${personName(p.author, 'en')} added a comment to your case ${p.number} (${p.subject}):` },
      { kind: 'paragraph', text: p.comment },
      { kind: 'link', label: 'Reply in the portal', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} にコメントが追加されました`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `${personName(p.author, 'ja')} がケース ${p.number}（${p.subject}）にコメントを追加しました。` },
      { kind: 'paragraph', text: p.comment },
      { kind: 'link', label: 'ポータルで返信する', url: p.url },
    ],
  }),
};

/** A wait as the mails state it: in days when it is whole days (as AUTO_CLOSE_DAYS is), else in hours. */
function waitText(hours: number, inDays: boolean, language: 'en' | 'ja'): string {
  const amount = inDays ? Math.max(1, Math.ceil(hours / 24)) : hours;
  if (language === 'ja') return `${amount} ${inDays ? '日' : '時間'}`;
  return `${amount} ${inDays ? 'day' : 'hour'}${amount === 1 ? '' : 's'}`;
}

export const caseResolvedMail: MailTemplate<CaseMail & { solution: string; autoCloseHours: number }> = {
  en: (p) => ({
    subject: `Case ${p.number} has been resolved`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `A solution was proposed for your case ${p.number} (${p.subject}):` },
      { kind: 'paragraph', text: p.solution },
      { kind: 'paragraph', text: `Please open the case and choose "Accept Solution" or "Reject Solution". Without an answer the case closes by itself after ${waitText(p.autoCloseHours, p.autoCloseHours % 24 === 0, 'en')}.` },
      { kind: 'link', label: 'Open the case', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} の解決策をご確認ください`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `ケース ${p.number}（${p.subject}）について、次の解決策を提示しました。` },
      { kind: 'paragraph', text: p.solution },
      { kind: 'paragraph', text: `ケースを開き、「解決策を承認」または「解決策を却下」を選択してください。ご回答がないまま ${waitText(p.autoCloseHours, p.autoCloseHours % 24 === 0, 'ja')}が過ぎると、ケースは自動的にクローズされます。` },
      { kind: 'link', label: 'ケースを開く', url: p.url },
    ],
  }),
};

export const caseReminderMail: MailTemplate<CaseMail & { hoursLeft: number; inDays: boolean }> = {
  en: (p) => ({
    subject: `Case ${p.number} is waiting for your answer`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `A solution was proposed for your case ${p.number} (${p.subject}). If we do not hear from you, the case will be closed in ${waitText(p.hoursLeft, p.inDays, 'en')}.` },
      { kind: 'link', label: 'Accept or reject the solution', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} へのご回答をお待ちしています`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `ケース ${p.number}（${p.subject}）の解決策へのご回答をお待ちしています。ご回答がない場合、${waitText(p.hoursLeft, p.inDays, 'ja')}後にケースはクローズされます。` },
      { kind: 'link', label: '解決策を承認または却下する', url: p.url },
    ],
  }),
};

export const caseClosedMail: MailTemplate<CaseMail & { how: 'accepted' | 'customer' | 'agent' | 'auto'; notes: string }> = {
  en: (p) => ({
    subject: `Case ${p.number} has been closed`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      {
        kind: 'paragraph',
        text: {
          accepted: `Your case ${p.number} (${p.subject}) was closed: the solution was accepted.`,
          customer: `Your case ${p.number} (${p.subject}) was closed at your request.`,
          agent: `Your case ${p.number} (${p.subject}) was closed by our support team.`,
          auto: `Your case ${p.number} (${p.subject}) was closed because the proposed solution received no answer.`,
        }[p.how],
      },
      ...(p.notes ? [{ kind: 'paragraph' as const, text: p.notes }] : []),
      { kind: 'paragraph', text: 'A closed case cannot be re-opened. If you need more help, open the case and choose "Create follow-up case". We would also be grateful for your answers to a short survey under "Surveys".' },
      { kind: 'link', label: 'Open the case', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} をクローズしました`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      {
        kind: 'paragraph',
        text: {
          accepted: `解決策が承認されたため、ケース ${p.number}（${p.subject}）をクローズしました。`,
          customer: `ご依頼により、ケース ${p.number}（${p.subject}）をクローズしました。`,
          agent: `サポートエージェントがケース ${p.number}（${p.subject}）をクローズしました。`,
          auto: `提示した解決策へのご回答がなかったため、ケース ${p.number}（${p.subject}）をクローズしました。`,
        }[p.how],
      },
      ...(p.notes ? [{ kind: 'paragraph' as const, text: p.notes }] : []),
      { kind: 'paragraph', text: 'クローズしたケースは再オープンできません。引き続きサポートが必要な場合は、ケースを開いて「フォローアップケースを作成」を選択してください。「アンケート」へのご協力もお願いいたします。' },
      { kind: 'link', label: 'ケースを開く', url: p.url },
    ],
  }),
};

const priorityNames: Record<'en' | 'ja', Record<number, string>> = {
  en: { 1: '1 - Critical', 2: '2 - High', 3: '3 - Moderate', 4: '4 - Low' },
  ja: { 1: '1 - 緊急', 2: '2 - 高', 3: '3 - 中', 4: '4 - 低' },
};

/** A priority as the case pages name it in each language, for mails and the CSV of My Cases. */
export function priorityName(priority: number, language: 'en' | 'ja'): string {
  return priorityNames[language][priority] ?? String(priority);
}

export const newCaseForAgentsMail: MailTemplate<{ number: string; subject: string; accountName: string; priority: number; url: string }> = {
  en: (p) => ({
    subject: `New case ${p.number} from ${p.accountName} - ${p.subject}`,
    greeting: 'Hello,',
    blocks: [
      { kind: 'paragraph', text: 'A new case arrived in the queue:' },
      { kind: 'fields', rows: [['Case Number', p.number], ['Account', p.accountName], ['Priority', priorityName(p.priority, 'en')], ['Short description', p.subject]] },
      { kind: 'link', label: 'Open the case', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} が作成されました（${p.accountName}）- ${p.subject}`,
    greeting: 'ご担当者さま',
    blocks: [
      { kind: 'paragraph', text: 'キューに新しいケースが届きました。' },
      { kind: 'fields', rows: [['ケース番号', p.number], ['アカウント', p.accountName], ['優先度', priorityName(p.priority, 'ja')], ['件名', p.subject]] },
      { kind: 'link', label: 'ケースを開く', url: p.url },
    ],
  }),
};

export const surveyInvitationMail: MailTemplate<{ number: string; subject: string; url: string; firstName: string; lastName: string }> = {
  en: (p) => ({
    subject: `Case ${p.number}: how did we do?`,
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `Your case ${p.number} (${p.subject}) is closed. Five short multiple-choice questions tell us how we did; it takes a minute.` },
      { kind: 'link', label: 'Answer the survey', url: p.url },
    ],
  }),
  ja: (p) => ({
    subject: `ケース ${p.number} のサポートに関するアンケートのお願い`,
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `ケース ${p.number}（${p.subject}）はクローズしました。サポートの品質向上のため、5 問の選択式アンケートへのご協力をお願いいたします（1 分程度）。` },
      { kind: 'link', label: 'アンケートに回答する', url: p.url },
    ],
  }),
};
