/** The header lines of a mail as mailparser gives them (`headerLines`): lower-case key, the raw line. */
export type HeaderLines = ReadonlyArray<{ key: string; line: string }>;

/** A header's values, unfolded, without the name. */
export function headerValues(lines: HeaderLines, name: string): string[] {
  return lines.filter((h) => h.key === name).map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

const OUT_OF_OFFICE = /^\s*(auto(matic)?[ -]?reply|auto[ -]?response|out of (the )?office|absence|自動応答|自動返信|不在)/i;

/**
 * Whether a mail was sent by a machine and must get no comment and no answer: an automatic reply
 * (RFC 3834 `Auto-Submitted` other than `no`, the X-Autoreply headers of older responders, bulk or
 * list mail, an out-of-office subject) or a bounce (a delivery report, a mail from MAILER-DAEMON or
 * postmaster, or with the empty return path `<>`). Answering either could start a loop.
 */
export function automaticKind(lines: HeaderLines, from: string, subject: string, envelopeFrom?: string | null): 'auto_reply' | 'bounce' | null {
  const first = (name: string) => headerValues(lines, name)[0]?.toLowerCase();
  if (/^multipart\/report\b/.test(first('content-type') ?? '')) return 'bounce';
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  if (envelopeFrom === '' || headerValues(lines, 'return-path').some((value) => /^<\s*>$/.test(value))) return 'bounce';
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted !== undefined && !/^no\b/.test(autoSubmitted)) return 'auto_reply';
  if (first('x-autoreply') !== undefined || first('x-autorespond') !== undefined) return 'auto_reply';
  if (/^(bulk|junk|list)\b/.test(first('precedence') ?? '')) return 'auto_reply';
  if (OUT_OF_OFFICE.test(subject)) return 'auto_reply';
  return null;
}
