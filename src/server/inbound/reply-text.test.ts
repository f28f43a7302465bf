import { describe, expect, it } from 'vitest';
import { replyText } from './reply-text.ts';

const earlier = ['> —— Reply above this line ——', '>', '> Hello Taro Yamada,', '>', '> Agent Smith added a comment to your case CS0000001:'].join('\n');

describe('What a reply by mail says, without the mail it quotes', () => {
  it('cuts at our marker line, quoted or not, with the attribution line above it', () => {
    expect(replyText(`Thanks, that fixed it.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Caseway <support+cs0000001-1-aaaaaaaaaaaaaaaa@example.com> wrote:\n${earlier}\n`)).toBe('Thanks, that fixed it.');
    expect(replyText('Second line first.\n\n—— Reply above this line ——\n\nHello Taro Yamada,\n')).toBe('Second line first.');
    expect(replyText('了解です。\n\n> ―― この行より上に返信を書いてください ――\n> 山田 太郎 さま\n')).toBe('了解です。');
  });

  it('cuts the attribution lines of Japanese mail clients', () => {
    expect(replyText('直りました。ありがとうございます。\n\n2026年12月7日(月) 10:00 山田 太郎 <support+cs0000001-1-aaaaaaaaaaaaaaaa@example.com>:\n> こんにちは\n')).toBe('直りました。ありがとうございます。');
    expect(replyText('承知しました。\n\n2026/12/07 10:00、Caseway <support@example.com> のメール:\n> こんにちは\n')).toBe('承知しました。');
    expect(replyText('確認します。\n\n山田 太郎 さんは書きました：\n> 本文\n')).toBe('確認します。');
  });

  it('cuts an Outlook header block and a trailing > quote, and keeps a sentence that only mentions a date', () => {
    expect(replyText('See the log attached.\n\n-----Original Message-----\nFrom: Caseway\nSent: Monday\n')).toBe('See the log attached.');
    expect(replyText('ログを添付します。\n\n差出人: Caseway <no-reply@example.com>\n送信日時: 2026年12月7日 10:00\n')).toBe('ログを添付します。');
    expect(replyText('It broke again on 2026/12/07 at 10:00: see below.\nThe log says "disk full".')).toBe('It broke again on 2026/12/07 at 10:00: see below.\nThe log says "disk full".');
    expect(replyText('Yes.\n\n> old text\n> more old text\n')).toBe('Yes.');
  });

  it('leaves nothing of a reply that only quotes', () => {
    expect(replyText(`${earlier}\n`)).toBe('');
  });
});
