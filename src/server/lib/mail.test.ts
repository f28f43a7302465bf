import { describe, expect, it } from 'vitest';
import { renderMail } from './mail.ts';
import { retryDelayMs } from './mail-delivery.ts';

describe('mail rendering', () => {
  it('renders text and escaped HTML from one template', () => {
    const mail = renderMail(
      { subject: 'Hi', greeting: 'Hello <b>you</b>,', blocks: [{ kind: 'fields', rows: [['Name', '<script>x</script>']] }, { kind: 'link', label: 'Open', url: 'http://portal.test/a?b=1&c=2' }] },
      'en',
    );
    expect(mail.text).toContain('Name: <script>x</script>');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('href="http://portal.test/a?b=1&amp;c=2"');
    expect(mail.text).toContain('send-only');
  });

  it('says in Japanese that the mailbox is send-only', () => {
    expect(renderMail({ subject: 's', greeting: 'g', blocks: [] }, 'ja').text).toContain('送信専用');
  });

  it('starts a mail that takes replies with the marker line and says a reply is added to the case, in each language', () => {
    const en = renderMail({ subject: 's', greeting: 'Hello,', blocks: [] }, 'en', { replies: true });
    expect(en.text.split('\n').slice(0, 3)).toEqual(['—— Reply above this line ——', '', 'Hello,']);
    expect(en.text).toContain('your reply, with its attachments, is added to the case');
    expect(en.text).not.toContain('send-only');
    const ja = renderMail({ subject: 's', greeting: 'g', blocks: [] }, 'ja', { replies: true });
    expect(ja.text.split('\n')[0]).toBe('―― この行より上に返信を書いてください ――');
    expect(ja.text).toContain('コメントとしてケースに追加されます');
    expect(ja.html).toContain('この行より上に返信を書いてください');
  });
});

describe('mail retry backoff', () => {
  it('doubles from two seconds up to five minutes', () => {
    expect(retryDelayMs(1)).toBe(2000);
    expect(retryDelayMs(2)).toBe(4000);
    expect(retryDelayMs(20)).toBe(300_000);
  });
});
