import { describe, expect, it } from 'vitest';
import { automaticKind, type HeaderLines } from './mail-kind.ts';

const lines = (headers: Record<string, string>): HeaderLines => Object.entries(headers).map(([key, value]) => ({ key: key.toLowerCase(), line: `${key}: ${value}` }));
const kind = (headers: Record<string, string>, from = 'taro@example.com', subject = 'Re: Case CS0000001 comments added', envelopeFrom?: string | null) =>
  automaticKind(lines(headers), from, subject, envelopeFrom);

describe('Which mails a machine sent (no comment, no answer)', () => {
  it('knows automatic replies by their headers and out-of-office subjects', () => {
    expect(kind({ 'Auto-Submitted': 'auto-replied' })).toBe('auto_reply');
    expect(kind({ 'Auto-Submitted': 'auto-generated; owner-email="x@example.com"' })).toBe('auto_reply');
    expect(kind({ 'X-Autoreply': 'yes' })).toBe('auto_reply');
    expect(kind({ 'X-Autorespond': 'Out of office' })).toBe('auto_reply');
    expect(kind({ Precedence: 'bulk' })).toBe('auto_reply');
    expect(kind({ Precedence: 'list' })).toBe('auto_reply');
    expect(kind({}, 'taro@example.com', 'Automatic reply: Re: Case CS0000001')).toBe('auto_reply');
    expect(kind({}, 'taro@example.com', 'Out of Office: until Monday')).toBe('auto_reply');
    expect(kind({}, 'taro@example.com', '自動応答: 不在のお知らせ')).toBe('auto_reply');
  });

  it('knows bounces by their type, their sender and an empty return path', () => {
    expect(kind({ 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"' })).toBe('bounce');
    expect(kind({}, 'MAILER-DAEMON@mx.example.com')).toBe('bounce');
    expect(kind({}, 'postmaster@example.com')).toBe('bounce');
    expect(kind({ 'Return-Path': '<>' })).toBe('bounce');
    expect(kind({}, 'taro@example.com', 'Re: hello', '')).toBe('bounce');
  });

  it('takes a person’s mail as a person’s', () => {
    expect(kind({ 'Auto-Submitted': 'no', Precedence: 'normal', 'Return-Path': '<taro@example.com>', 'Content-Type': 'multipart/mixed; boundary="x"' }, 'taro@example.com', 'Re: Out of stock?', 'taro@example.com')).toBeNull();
    expect(kind({}, 'postmaster.fan@example.com', 'Re: my office is out of paper')).toBeNull();
  });
});
