import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, Language } from '../db/schema.ts';

/** One block of a mail body; each renders to plain text and to escaped HTML from the same data. */
export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: Array<[label: string, value: string]> }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'code'; text: string };

export type MailContent = { subject: string; greeting: string; blocks: MailBlock[] };

/** A message in both languages; the recipient's language picks one. */
export type MailTemplate<Params> = Record<Language, (params: Params) => MailContent>;

const footer: Record<Language, string> = {
  en: 'This mailbox is send-only: replies are not read. To answer, sign in to the support portal.',
  ja: 'このメールは送信専用です。ご返信いただいても受領できません。ご連絡はサポートポータルにログインしてお願いいたします。',
};

/** The footer of a mail that carries a reply address (REPLY_ADDRESS). */
const replyFooter: Record<Language, string> = {
  en: 'You can reply to this mail: your reply, with its attachments, is added to the case as your comment. Write above the line at the top; the quoted earlier mail is left out.',
  ja: 'このメールに返信できます。返信の本文と添付ファイルは、あなたのコメントとしてケースに追加されます。冒頭の線より上にお書きください（引用された以前のメールは取り込まれません）。',
};

/**
 * The first line of a mail that takes replies. A reply is cut where this line is quoted, whatever the
 * mail client writes around the quote; both languages' lines are looked for in every reply.
 */
export const REPLY_MARKER: Record<Language, string> = {
  en: '—— Reply above this line ——',
  ja: '―― この行より上に返信を書いてください ――',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export type RenderedMail = { subject: string; text: string; html: string };

/** `replies`: the mail carries a reply address, so it says a reply is taken and marks where to write it. */
export function renderMail(content: MailContent, language: Language, { replies = false } = {}): RenderedMail {
  const text: string[] = replies ? [REPLY_MARKER[language], '', content.greeting, ''] : [content.greeting, ''];
  const html: string[] = [
    ...(replies ? [`<p style="color:#666;font-size:12px">${escapeHtml(REPLY_MARKER[language])}</p>`] : []),
    `<p>${escapeHtml(content.greeting)}</p>`,
  ];
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'paragraph':
        text.push(block.text, '');
        html.push(`<p>${escapeHtml(block.text)}</p>`);
        break;
      case 'code':
        text.push(`    ${block.text}`, '');
        html.push(`<p style="font-size:20px;font-family:monospace;letter-spacing:2px"><strong>${escapeHtml(block.text)}</strong></p>`);
        break;
      case 'fields':
        for (const [label, value] of block.rows) text.push(`${label}: ${value}`);
        text.push('');
        html.push(
          `<table>${block.rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`,
        );
        break;
      case 'link':
        text.push(`${block.label}: ${block.url}`, '');
        html.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`);
        break;
    }
  }
  const closing = (replies ? replyFooter : footer)[language];
  text.push('--', closing);
  html.push(`<hr><p style="color:#666;font-size:12px">${escapeHtml(closing)}</p>`);
  const lang = language === 'ja' ? 'ja' : 'en';
  return {
    subject: content.subject,
    text: text.join('\n'),
    html: `<!doctype html><html lang="${lang}"><body>${html.join('\n')}</body></html>`,
  };
}

export type OutgoingMail = {
  to: string;
  language: Language;
  content: MailContent;
  now: number;
  /** After this moment the mail is dropped instead of sent late. */
  expiresAt?: number;
  /** The signed reply address of the case and reader (reply-address.ts); unset: a send-only mail. */
  replyTo?: string;
  /** An answer to an incoming mail (RFC 3834), which no responder should answer in turn. */
  autoReplied?: boolean;
};

/**
 * Puts a mail in the outbox inside the caller's transaction, so the mail exists exactly when the
 * change that caused it does. The Message-ID is fixed here, once per row, so a resend after an
 * ambiguous SMTP failure carries the same id.
 */
export async function enqueueMail(executor: Db | Transaction<Database>, mail: OutgoingMail): Promise<void> {
  const rendered = renderMail(mail.content, mail.language, { replies: mail.replyTo !== undefined });
  await executor
    .insertInto('mail_outbox')
    .values({
      message_id: `<${randomUUID()}@caseway>`,
      to_address: mail.to,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      state: 'pending',
      attempts: 0,
      // Due at once, not at `now`: that is the clock of the host handling the request, and delivery
      // compares due times with the database's clock, so a host running ahead would hold its own
      // mails back by as much. 0 also puts new mails (passcodes among them) before due retries.
      next_attempt_at: 0,
      expires_at: mail.expiresAt ?? null,
      created_at: mail.now,
      reply_to: mail.replyTo ?? null,
      auto_submitted: mail.autoReplied ? 'auto-replied' : 'auto-generated',
    })
    .execute();
}
