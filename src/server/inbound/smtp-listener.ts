import { SMTPServer } from 'smtp-server';
import type { Envelope, InboundOutcome } from './inbound-mail.ts';
import type { ReplyAddresses } from './reply-address.ts';

export type SmtpListenerOptions = {
  port: number;
  host: string;
  /** INBOUND_MAX_MB in bytes: announced (SIZE), and a longer message is refused with 552. */
  maxMessageBytes: number;
  replies: ReplyAddresses;
  take: (raw: Buffer, envelope: Envelope) => Promise<InboundOutcome>;
  log: (message: string, detail?: Record<string, unknown>) => void;
};

export type SmtpListener = { port: number; close: () => Promise<void> };

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * The portal's own SMTP listener, for an MX record pointed at it (INBOUND_SMTP_PORT). It takes mail
 * only for reply addresses whose signature holds, refusing every other recipient at RCPT (550), so
 * it relays nothing. It answers 250 only after the pipeline committed what the mail became; a
 * failure before that answers 451, and the sending server tries again later, so a mail it was told
 * was taken is never lost. No AUTH: an MX takes mail from anyone, the signed address is the check.
 * No STARTTLS either: put a relay that offers it in front where mail must be encrypted on the way.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const server = new SMTPServer({
    name: options.replies.domain,
    banner: 'Caseway replies',
    size: options.maxMessageBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    maxClients: 50,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.replies.verify(address.address)) return callback();
      callback(smtpError(550, 'No such recipient here'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `Message larger than ${Math.floor(options.maxMessageBytes / 1024 / 1024)} MB`));
        const mailFrom = session.envelope.mailFrom;
        const envelope: Envelope = { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) };
        options.take(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (error: unknown) => {
            options.log('an incoming mail could not be taken now; the sender will try again', { error: error instanceof Error ? error.message : String(error) });
            callback(smtpError(451, 'Temporary failure, try again later'));
          },
        );
      });
    },
  });
  // A client that drops its connection is its own business, not the portal's failure.
  server.on('error', (error) => options.log('SMTP listener: connection error', { error: error.message }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
