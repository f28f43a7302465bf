import EmailReplyParser from 'email-reply-parser';
import { REPLY_MARKER } from '../lib/mail.ts';

const markers = Object.values(REPLY_MARKER).map((marker) => marker.replace(/[—―\s]/g, ''));

/** A line that is our marker line, quoted (`> `) or not, its dashes and spaces as a client left them. */
const isMarker = (line: string) => {
  const bare = line.replace(/^[\s>]+/, '').replace(/[—―\-\s]/g, '');
  return bare.length > 0 && markers.includes(bare);
};

/**
 * The attribution line Japanese mail clients write above a quote, which email-reply-parser does not
 * know: `2026年12月7日(月) 10:00 山田 太郎 <taro@example.com>:`, `2026/12/07 10:00、Caseway <…> のメール:`,
 * `山田 太郎 さんは書きました:`. Only a last line ending in a colon is looked at, so a sentence
 * with a date in it stays.
 */
const JAPANESE_ATTRIBUTION = /(\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}|<[^>\s]+@[^>\s]+>|書きました|のメール|wrote)[^\n]*[:：]\s*$/;

/** Outlook's and others' header block of the quoted mail: `-----Original Message-----`, `From:`/`差出人:` with a date line after it. */
const ORIGINAL_MESSAGE = /^\s*(-{2,}\s*(Original Message|元のメッセージ|Forwarded message|転送されたメッセージ)\s*-{2,}|_{10,})\s*$/i;
const HEADER_BLOCK = /^\s*(From|差出人|送信者)\s*[:：]/i;
const HEADER_NEXT = /^\s*(Sent|Date|To|送信日時|日付|宛先)\s*[:：]/i;

/**
 * What a person wrote in a reply, without the earlier mail it quotes: cut at our marker line
 * (the surest cut, since every case mail starts with it), then at an Outlook header block, then
 * email-reply-parser's rules (English and other clients' "On … wrote:", `>` blocks, signatures),
 * then a Japanese client's attribution line left at the end.
 */
export function replyText(text: string): string {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  const marker = lines.findIndex(isMarker);
  if (marker >= 0) lines = lines.slice(0, marker);
  const header = lines.findIndex((line, i) => ORIGINAL_MESSAGE.test(line) || (HEADER_BLOCK.test(line) && HEADER_NEXT.test(lines[i + 1] ?? '')));
  if (header >= 0) lines = lines.slice(0, header);
  let visible = new EmailReplyParser().read(lines.join('\n')).getVisibleText().split('\n');
  // A Japanese attribution line, or a last line of quotes the parser kept, at the end of what is left.
  for (;;) {
    while (visible.length > 0 && visible[visible.length - 1]!.trim() === '') visible.pop();
    const last = visible[visible.length - 1];
    if (last === undefined || !(JAPANESE_ATTRIBUTION.test(last) || /^\s*>/.test(last))) break;
    visible.pop();
  }
  visible = visible.map((line) => line.trimEnd());
  while (visible.length > 0 && visible[0]!.trim() === '') visible.shift();
  return visible.join('\n');
}
