import { describe, expect, it } from 'vitest';
import { assertServable, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to port 3000, ./data and the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sqlitePath).toMatch(/data\/caseway\.sqlite$/);
    expect(config.autoCloseDays).toBe(10);
    expect(config.devMailbox).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ AUTO_CLOSE_DAYS: '0' })).toThrow(/AUTO_CLOSE_DAYS/);
    expect(() => loadConfig({ DEFAULT_TIME_ZONE: 'JST' })).toThrow(/DEFAULT_TIME_ZONE must be an IANA time zone/);
    expect(loadConfig({ DEFAULT_TIME_ZONE: 'Asia/Tokyo' }).defaultTimeZone).toBe('Asia/Tokyo');
    expect(loadConfig({}).defaultTimeZone).toBe('UTC');
  });

  it('reads mail by IMAP only where INBOUND_IMAP_URL names a mailbox with its credentials', () => {
    expect(loadConfig({})).toMatchObject({ inboundImapUrl: undefined, inboundImapPollSeconds: 60 });
    const url = 'imaps://support%40vendor.example:p%40ss@imap.example.com/Replies';
    const REPLY_ADDRESS = 'support@replies.example';
    expect(loadConfig({ REPLY_ADDRESS, INBOUND_IMAP_URL: url, INBOUND_IMAP_POLL_SECONDS: '5' })).toMatchObject({ inboundImapUrl: url, inboundImapPollSeconds: 5 });
    expect(loadConfig({ REPLY_ADDRESS, INBOUND_IMAP_URL: 'imap://u:p@127.0.0.1:1143' }).inboundImapUrl).toBe('imap://u:p@127.0.0.1:1143');
    expect(() => loadConfig({ INBOUND_IMAP_URL: url })).toThrow(/INBOUND_IMAP_URL needs REPLY_ADDRESS/);
    for (const wrong of ['pop3://u:p@mail.example.com', 'imap.example.com', 'imaps://imap.example.com/INBOX', 'imaps://user@imap.example.com', 'imaps://u:%E0@imap.example.com']) {
      expect(() => loadConfig({ REPLY_ADDRESS, INBOUND_IMAP_URL: wrong }), wrong).toThrow(/INBOUND_IMAP_URL must look like imaps:\/\/user:password@imap\.example\.com\/INBOX/);
    }
    for (const wrong of ['4', '3601', 'often']) expect(() => loadConfig({ INBOUND_IMAP_POLL_SECONDS: wrong }), wrong).toThrow(/INBOUND_IMAP_POLL_SECONDS/);
  });

  it('refuses to serve in production without SMTP_URL', () => {
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://support.example.com' });
    expect(config.devMailbox).toBe(false);
    expect(() => assertServable(config)).toThrow(/SMTP_URL is required/);
    expect(() => assertServable(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://s.example.com', SMTP_URL: 'smtp://127.0.0.1:25' }))).not.toThrow();
  });

  it('turns replies by e-mail on with REPLY_ADDRESS, the listener with INBOUND_SMTP_PORT, and sizes a mail by the attachment limit', () => {
    expect(loadConfig({}).inbound).toBeNull();
    expect(loadConfig({}).mailFrom).toContain('send-only');
    const on = loadConfig({ REPLY_ADDRESS: 'Support@Example.com', MAX_ATTACHMENT_MB: '30' });
    expect(on.inbound).toEqual({ replyAddress: 'support@example.com', smtpPort: undefined, smtpHost: '0.0.0.0', maxMessageBytes: 41 * 1024 * 1024 });
    expect(on.mailFrom).not.toContain('do not reply');
    expect(loadConfig({ REPLY_ADDRESS: 'support@example.com', INBOUND_SMTP_PORT: '2525', INBOUND_MAX_MB: '10' }).inbound).toMatchObject({ smtpPort: 2525, maxMessageBytes: 10 * 1024 * 1024 });
    expect(() => loadConfig({ REPLY_ADDRESS: 'support' })).toThrow(/REPLY_ADDRESS must be a plain address/);
    expect(() => loadConfig({ REPLY_ADDRESS: 'support+x@example.com' })).toThrow(/REPLY_ADDRESS must have no \+/);
    expect(() => loadConfig({ INBOUND_SMTP_PORT: '2525' })).toThrow(/INBOUND_SMTP_PORT needs REPLY_ADDRESS/);
  });
});
