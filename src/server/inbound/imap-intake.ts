import type { FastifyBaseLogger } from 'fastify';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';

/** Where handed-over mail goes, as path parts: the server's own separator joins them. */
export const PROCESSED_FOLDER = ['Caseway', 'Processed'];

/** What is known of a mail too large to hand over, enough to tell its sender. */
export type OversizedMail = {
  /** The sender's address from the envelope, if it had one. */
  from: string | undefined;
  messageId: string | undefined;
  /** The size the server reports, in bytes. */
  size: number;
  /** The mail's raw header block, which a mail parser reads as a mail without a body. */
  headers: Buffer;
};

export type ImapIntakeOptions = {
  /** `imaps://user:password@host:993/Mailbox` or `imap://…` (STARTTLS where offered); the path is the mailbox, INBOX by default. */
  url: string;
  /** How often the mailbox is read again without IDLE, and how soon a mail whose handover failed is tried again. */
  pollSeconds: number;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Takes one raw mail; resolves when it is dealt with (taken or refused), throws only when it should be tried again later. */
  onMessage: (raw: Buffer) => Promise<void>;
  /** Mails larger than this are not downloaded but given to onOversized (default 25 MiB). */
  maxBytes?: number;
  /** Resolves when the sender of a mail over maxBytes has been dealt with; throws to be tried again later. */
  onOversized?: (mail: OversizedMail) => Promise<void>;
};

export type ImapIntake = { stop: () => Promise<void> };

const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 60_000;

/** The connection settings and the mailbox an INBOUND_IMAP_URL names. */
export function imapSettings(url: string): { client: ImapFlowOptions; mailbox: string } {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    client: {
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
      secure,
      auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    },
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

/**
 * Hands every mail of a mailbox to `onMessage`, then moves it to Caseway/Processed: mails there at
 * start, then new ones as IDLE announces them (or as a poll every `pollSeconds` finds them where the
 * server has no IDLE). A mail leaves the mailbox only after onMessage resolved, so one whose
 * handover failed stays and is tried again at the next poll. Several processes may read one mailbox:
 * a mail may then be handed over twice (the pipeline knows its Message-ID), never lost.
 */
export function startImapIntake({ url, pollSeconds, log, onMessage, maxBytes = 25 * 1024 * 1024, onOversized }: ImapIntakeOptions): ImapIntake {
  const settings = imapSettings(url);
  const where = { host: settings.client.host, mailbox: settings.mailbox };
  const pollMs = pollSeconds * 1000;
  let stopped = false;
  let client: ImapFlow | undefined;
  let connecting = false;
  // Ends the current wait: for mail, or before connecting again.
  let wake = () => {};
  // Set when the server announces more mail than the last read saw; cleared before each read.
  let newMail = false;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Waits for new mail: IDLE where the server offers it, else the poll interval alone. */
  const waitForMail = async (imap: ImapFlow, idle: boolean) => {
    if (newMail || stopped) return;
    if (!idle) return pause(pollMs);
    // idle() settles when IDLE ends: the next command ends it, and so may the server, after which it
    // is started again. Where the server refuses it, imapflow polls with NOOP instead from then on.
    const idling = imap.idle().catch(() => {});
    await Promise.race([pause(pollMs), idling]);
    // Clears the poll timer where IDLE ended first: a pending timer would hold the process after stop().
    wake();
  };

  /** Reads the mailbox once and hands over every mail in it, each at most once per read. */
  const drain = async (imap: ImapFlow) => {
    newMail = false;
    // \Deleted ones were copied away by a process that had no MOVE and stopped before EXPUNGE.
    const fetched = await imap.fetchAll({ deleted: false }, { uid: true, size: true, envelope: true }, { uid: true });
    // Another process's flag changes arrive as FETCH rows of their own, without the size asked for.
    const listed = new Map(fetched.filter((row) => row.uid && row.size !== undefined).map((row) => [row.uid, { ...row, size: row.size! }]));
    for (const message of listed.values()) {
      if (stopped) return;
      const uid = String(message.uid);
      try {
        if (message.size > maxBytes) {
          const head = await imap.fetchOne(uid, { headers: true }, { uid: true });
          // Gone: another process took it between the list and now.
          if (!head || !head.headers) continue;
          log.warn({ ...where, uid: message.uid, size: message.size }, 'IMAP intake: a mail is over the size limit and is not taken');
          await onOversized?.({ from: message.envelope?.from?.[0]?.address, messageId: message.envelope?.messageId, size: message.size, headers: head.headers });
        } else {
          const full = await imap.fetchOne(uid, { source: true }, { uid: true });
          if (!full || !full.source) continue;
          await onMessage(full.source);
        }
      } catch (error) {
        // A dropped connection ends this read; the reconnect reads the mailbox again.
        if (!imap.usable) throw error;
        log.warn({ ...where, uid: message.uid, err: error }, 'IMAP intake: a mail could not be taken now; it stays in the mailbox and is tried again at the next poll');
        continue;
      }
      // A process that moved it first leaves nothing to move: the server answers OK all the same.
      // A refusal (someone deleted the folder) ends the connection: the next one makes the folder again.
      if ((await imap.messageMove(uid, PROCESSED_FOLDER, { uid: true })) === false) {
        throw new Error(`a taken mail (UID ${uid}) could not be moved to Caseway/Processed; it will be handed over again`);
      }
    }
  };

  /** Opens the mailbox, makes the Processed folder where it is missing. */
  const open = async (imap: ImapFlow) => {
    try {
      await imap.mailboxCreate(PROCESSED_FOLDER);
    } catch (error) {
      // A server that does not say ALREADYEXISTS, or another process that made it first.
      if (!(await imap.status(PROCESSED_FOLDER, { messages: true }).catch(() => false))) throw error;
    }
    await imap.mailboxOpen(settings.mailbox);
  };

  const run = async () => {
    for (let failures = 0; !stopped; ) {
      const imap = new ImapFlow({ ...settings.client, logger: false, disableAutoIdle: true, connectionTimeout: 30_000, greetingTimeout: 30_000 });
      client = imap;
      imap.on('error', (error: Error) => log.warn({ ...where, err: error }, 'IMAP intake: connection error'));
      imap.on('exists', ({ count, prevCount }: { count: number; prevCount: number }) => {
        if (count > prevCount) {
          newMail = true;
          wake();
        }
      });
      // A wait ends when the connection does, so that the reconnect comes at once.
      imap.on('close', () => wake());
      try {
        connecting = true;
        await imap.connect();
        connecting = false;
        await open(imap);
        const idle = imap.capabilities.has('IDLE');
        log.info({ ...where, idle }, idle ? 'IMAP intake: reading the mailbox, waiting for new mail with IDLE' : `IMAP intake: reading the mailbox every ${pollSeconds} s (the server has no IDLE)`);
        while (!stopped) {
          await drain(imap);
          failures = 0;
          await waitForMail(imap, idle);
        }
        await imap.logout();
      } catch (error) {
        connecting = false;
        imap.close();
        if (stopped) break;
        const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** failures++);
        if ((error as { authenticationFailed?: boolean }).authenticationFailed) {
          // Not a passing outage: someone has to correct INBOUND_IMAP_URL.
          log.error({ ...where, user: settings.client.auth?.user, err: error, retryInMs: delay }, 'IMAP intake: the server refused the user and password of INBOUND_IMAP_URL');
        } else {
          log.warn({ ...where, err: error, retryInMs: delay }, 'IMAP intake: the mailbox cannot be read; connecting again');
        }
        await pause(delay);
      }
    }
  };

  const running = run();
  return {
    stop: async () => {
      stopped = true;
      wake();
      // A connection attempt to an unreachable server would otherwise hold stop() for its timeout.
      if (connecting) client?.close();
      await running;
    },
  };
}
