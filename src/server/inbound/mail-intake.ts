import type { FastifyInstance } from 'fastify';
import { startImapIntake, type ImapIntake } from './imap-intake.ts';
import { inboundMail } from './inbound-mail.ts';
import { startSmtpListener, type SmtpListener } from './smtp-listener.ts';

export type MailIntake = {
  /** The port the SMTP listener took (INBOUND_SMTP_PORT may be 0 in tests); undefined without one. */
  smtpPort: number | undefined;
  /** Stops taking mail; a mail being taken is finished first. */
  close: () => Promise<void>;
};

/**
 * Replies by e-mail come in through the portal's SMTP listener (INBOUND_SMTP_PORT), a mailbox read
 * over IMAP (INBOUND_IMAP_URL), both or neither; both hand each mail to the same pipeline.
 */
export async function startMailIntake(app: FastifyInstance): Promise<MailIntake> {
  const { config, replies } = app.deps;
  const take = inboundMail(app.deps);
  const inbound = config.inbound;
  if (!take || !inbound || !replies) return { smtpPort: undefined, close: async () => {} };
  const log = (message: string, detail?: Record<string, unknown>) => app.log.warn(detail, message);

  const smtp: SmtpListener | undefined =
    inbound.smtpPort === undefined
      ? undefined
      : await startSmtpListener({ port: inbound.smtpPort, host: inbound.smtpHost, maxMessageBytes: inbound.maxMessageBytes, replies, take, log });
  if (smtp) app.log.info(`Replies by e-mail: SMTP listener on ${inbound.smtpHost}:${smtp.port} for ${inbound.replyAddress}`);

  const imap: ImapIntake | undefined =
    config.inboundImapUrl === undefined
      ? undefined
      : startImapIntake({
          url: config.inboundImapUrl,
          pollSeconds: config.inboundImapPollSeconds,
          log: app.log,
          maxBytes: inbound.maxMessageBytes,
          onMessage: async (raw) => void (await take(raw)),
          // Only its headers were fetched: enough to tell a person that it was too large.
          onOversized: async (mail) => void (await take(mail.headers, { size: mail.size })),
        });
  if (imap) app.log.info(`Replies by e-mail: reading the IMAP mailbox of INBOUND_IMAP_URL for ${inbound.replyAddress}`);

  return {
    smtpPort: smtp?.port,
    close: async () => {
      await Promise.all([smtp?.close(), imap?.stop()]);
    },
  };
}
