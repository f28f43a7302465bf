import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { JobClock } from './clock.ts';

/** How long a process owns a mail it claimed; after that another process may take it over. */
const MAIL_LEASE_MS = 60_000;

/**
 * The longest one send may take, every SMTP step included (connecting, the greeting, each command,
 * the message): a send still running then is aborted and retried later. It is half the lease, so a
 * claim always outlives the send it covers with time to spare for the database steps around it:
 * no other process takes over a mail that is still being sent. The transport's own per-step
 * timeouts (main.ts) are shorter; this bounds their sum.
 */
const sendTimeoutMs = (leaseMs: number) => leaseMs / 2;

export type MailTransport = {
  /** Aborting `signal` stops the send and closes its connection (nodemailer's SMTP transports honour it). */
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    replyTo?: string;
    headers: Record<string, string>;
    signal: AbortSignal;
  }): Promise<unknown>;
};

export type MailDeliveryOptions = {
  db: Db;
  transport: MailTransport;
  from: string;
  clock: JobClock;
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /** MAIL_LEASE_MS unless a test shortens it; the send bound follows it. */
  leaseMs?: number;
  batchSize?: number;
};

/** Delay before the next try: 2 s, 4 s, 8 s … at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 5 * 60_000);
}

/**
 * Sends due mails once. Several processes may call this at the same time: a mail is claimed with a
 * conditional update that only one of them can win, and a claim whose lease ran out (a killed
 * process: a live one has given up its send by then) is taken over, so every mail is sent at least
 * once and normally exactly once.
 */
export async function deliverDueMails(options: MailDeliveryOptions): Promise<number> {
  const { db, transport, from, clock } = options;
  const leaseMs = options.leaseMs ?? MAIL_LEASE_MS;
  const sendBoundMs = sendTimeoutMs(leaseMs);
  const owner = randomUUID();
  const now = await clock();
  const candidates = await db
    .selectFrom('mail_outbox')
    .select(['id'])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(options.batchSize ?? 20)
    .execute();

  let sent = 0;
  for (const { id } of candidates) {
    const claimedAt = await clock();
    const claim = await db
      .updateTable('mail_outbox')
      .set({ lease_owner: owner, lease_until: claimedAt + leaseMs })
      .where('id', '=', id)
      // All that made it a candidate, checked again on the row itself: since it was read, another
      // process may have sent it, or tried it and put it off (next_attempt_at in the future).
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', claimedAt)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', claimedAt)]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;

    const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // Checked again right before sending, not only at the claim: a passcode is never sent late.
    const sendingAt = await clock();
    if (mail.expires_at !== null && sendingAt >= mail.expires_at) {
      await markExpired(db, id, {});
      continue;
    }
    // A passcode's send is cut off when its code expires, whatever SMTP step it is in.
    const cutOffAtExpiry = mail.expires_at !== null && mail.expires_at - sendingAt < sendBoundMs;
    const signal = AbortSignal.timeout(cutOffAtExpiry ? mail.expires_at! - sendingAt : sendBoundMs);
    try {
      await transport.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: mail.message_id,
        ...(mail.reply_to ? { replyTo: mail.reply_to } : {}),
        // RFC 3834: out-of-office responders leave a mail marked so unanswered, so no loop starts.
        headers: { 'Auto-Submitted': mail.auto_submitted },
        signal,
      });
      await db
        .updateTable('mail_outbox')
        .set({ state: 'sent', sent_at: await clock(), attempts: mail.attempts + 1, lease_owner: null, lease_until: null, last_error: null })
        .where('id', '=', id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      if (mail.expires_at !== null && ((cutOffAtExpiry && signal.aborted) || (await clock()) >= mail.expires_at)) {
        options.log?.('passcode mail expired before it could be sent; given up', { id, attempts, error: message });
        await markExpired(db, id, { attempts, last_error: message.slice(0, 500) });
        continue;
      }
      options.log?.('mail delivery failed; will retry', { id, attempts, error: message });
      await db
        .updateTable('mail_outbox')
        .set({ attempts, next_attempt_at: (await clock()) + retryDelayMs(attempts), lease_owner: null, lease_until: null, last_error: message.slice(0, 500) })
        .where('id', '=', id)
        .execute();
    }
  }
  return sent;
}

/** A passcode whose code expired is given up rather than sent late; the person asks for a new one. */
async function markExpired(db: Db, id: number, failure: { attempts?: number; last_error?: string }): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ state: 'expired', lease_owner: null, lease_until: null, ...failure })
    .where('id', '=', id)
    .execute();
}
