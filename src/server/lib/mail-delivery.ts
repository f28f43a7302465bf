import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Clock } from './clock.ts';

export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string; html: string; messageId: string }): Promise<unknown>;
};

export type MailDeliveryOptions = {
  db: Db;
  transport: MailTransport;
  from: string;
  clock: Clock;
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /** How long a process owns a claimed mail before another may try it. */
  leaseMs?: number;
  batchSize?: number;
};

/** Delay before the next try: 2 s, 4 s, 8 s … at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 5 * 60_000);
}

/**
 * Sends due mails once. Several processes may call this at the same time: a mail is claimed with a
 * conditional update that only one of them can win, and a claim that outlives its lease (a killed
 * process) is taken over, so every mail is sent at least once and normally exactly once.
 */
export async function deliverDueMails(options: MailDeliveryOptions): Promise<number> {
  const { db, transport, from, clock } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const owner = randomUUID();
  const now = clock();
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
    const claimedAt = clock();
    const claim = await db
      .updateTable('mail_outbox')
      .set({ lease_owner: owner, lease_until: claimedAt + leaseMs })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', claimedAt)]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;

    const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (mail.expires_at !== null && claimedAt > mail.expires_at) {
      await db.updateTable('mail_outbox').set({ state: 'expired', lease_owner: null, lease_until: null }).where('id', '=', id).execute();
      continue;
    }
    try {
      await transport.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: mail.message_id,
      });
      await db
        .updateTable('mail_outbox')
        .set({ state: 'sent', sent_at: clock(), attempts: mail.attempts + 1, lease_owner: null, lease_until: null, last_error: null })
        .where('id', '=', id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      options.log?.('mail delivery failed; will retry', { id, attempts, error: message });
      await db
        .updateTable('mail_outbox')
        .set({ attempts, next_attempt_at: clock() + retryDelayMs(attempts), lease_owner: null, lease_until: null, last_error: message.slice(0, 500) })
        .where('id', '=', id)
        .execute();
    }
  }
  return sent;
}
