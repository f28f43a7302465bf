import { personName, type NameParts } from '../../shared/names.ts';
import type { MailTemplate } from '../lib/mail.ts';

/** Why an incoming mail became no comment; each is explained to a known sender in a few lines. */
export type Refusal = 'unknown_address' | 'not_the_person' | 'closed_case' | 'may_not_comment' | 'too_large' | 'attachment_too_large' | 'malformed' | 'empty' | 'too_long';

/**
 * `number` is set only when the sender is the person the reply address was made for: a case is
 * never named to anyone else. `detail`: the attachment's name, or the size limit in MB.
 */
type Explanation = NameParts & { reason: Refusal; subject: string; number: string | null; detail: string; portalUrl: string };

const en: Record<Refusal, (p: Explanation) => string> = {
  unknown_address: () => 'The address you wrote to is not the reply address of a case, or it was changed on the way. Reply to a case mail as it came, or write in the support portal.',
  not_the_person: () => 'The address you replied to was made for another person, so your mail cannot be added as yours. Reply from the address the case mail was sent to, or write in the support portal.',
  closed_case: (p) => `Case ${p.number} is closed and takes no more comments. If you need more help, open the case in the support portal and choose "Create follow-up case".`,
  may_not_comment: () => 'You can no longer comment on this case (your access to it ended). If you think this is wrong, ask your account administrator.',
  too_large: (p) => `Your mail is larger than ${p.detail} MB, the most a reply may be. Send the text alone, and add large files in the support portal.`,
  attachment_too_large: (p) => `The attachment "${p.detail}" is larger than the portal accepts, so nothing of the mail was added. Attach a smaller or compressed file, or add it in the support portal.`,
  malformed: () => 'Your mail could not be read (its format is damaged). Send it again, or write in the support portal.',
  empty: () => 'Your reply had no text of its own and no attachment (the quoted earlier mail is left out). Write your answer above the quoted mail.',
  too_long: (p) => `Your reply has more than ${p.detail} characters, the most a comment may have. Send a shorter text, and the rest as an attached file.`,
};

const ja: Record<Refusal, (p: Explanation) => string> = {
  unknown_address: () => '送信先のアドレスはケースの返信用アドレスではないか、途中で変更されています。ケースのメールにそのまま返信するか、サポートポータルからご連絡ください。',
  not_the_person: () => '返信先のアドレスは別の方のために作られたものです。そのため、このメールをあなたのコメントとして追加できません。ケースのメールを受け取ったアドレスから返信するか、サポートポータルからご連絡ください。',
  closed_case: (p) => `ケース ${p.number} はクローズしているため、コメントを追加できません。引き続きサポートが必要な場合は、サポートポータルでケースを開き「フォローアップケースを作成」を選択してください。`,
  may_not_comment: () => 'このケースにはコメントできなくなっています（アクセス権がありません）。お心当たりがない場合は、アカウント管理者にお問い合わせください。',
  too_large: (p) => `メールのサイズが返信の上限（${p.detail} MB）を超えています。本文のみを送信し、大きなファイルはサポートポータルから追加してください。`,
  attachment_too_large: (p) => `添付ファイル「${p.detail}」がポータルの上限を超えているため、メールは追加されませんでした。小さくするか圧縮したファイルを添付するか、サポートポータルから追加してください。`,
  malformed: () => 'メールの形式が壊れているため、読み取れませんでした。もう一度送信するか、サポートポータルからご連絡ください。',
  empty: () => '返信に本文も添付ファイルもありませんでした（引用された以前のメールは取り込まれません）。引用部分より上にご回答をお書きください。',
  too_long: (p) => `返信の本文がコメントの上限（${p.detail} 文字）を超えています。本文を短くし、残りはファイルとして添付してください。`,
};

export const replyRefusedMail: MailTemplate<Explanation> = {
  en: (p) => ({
    subject: p.number ? `Your reply to case ${p.number} was not added` : 'Your mail was not added to a case',
    greeting: `Hello ${personName(p, 'en')},`,
    blocks: [
      { kind: 'paragraph', text: `Your mail "${p.subject}" was not added to a case.` },
      { kind: 'paragraph', text: en[p.reason](p) },
      { kind: 'link', label: 'Support portal', url: p.portalUrl },
    ],
  }),
  ja: (p) => ({
    subject: p.number ? `ケース ${p.number} への返信は追加されませんでした` : 'メールはケースに追加されませんでした',
    greeting: `${personName(p, 'ja')} さま`,
    blocks: [
      { kind: 'paragraph', text: `メール「${p.subject}」はケースに追加されませんでした。` },
      { kind: 'paragraph', text: ja[p.reason](p) },
      { kind: 'link', label: 'サポートポータル', url: p.portalUrl },
    ],
  }),
};
