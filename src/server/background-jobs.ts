import nodemailer from 'nodemailer';
import type { Config } from './config.ts';
import { databaseNow, type Db } from './db/database.ts';
import { HOUR, MINUTE } from './lib/clock.ts';
import type { JobDefinition } from './lib/jobs.ts';
import { deliverDueMails, type MailTransport } from './lib/mail-delivery.ts';
import type { AttachmentStore } from './attachments/attachments.storage.ts';
import { removeOrphanFiles } from './attachments/orphan-files.job.ts';
import { removeStaleStagedAttachments } from './attachments/staged-cleanup.job.ts';
import { runAutoClose } from './cases/auto-close.job.ts';
import { reindexArticles } from './knowledge/reindex.job.ts';
import { runSlaWarnings } from './sla/sla-warning.job.ts';
import type { ReplyAddresses } from './inbound/reply-address.ts';

/** The SMTP transport of SMTP_URL, every step bounded. */
export function smtpTransport(smtpUrl: string): MailTransport {
  // nodemailer's defaults wait up to 2 minutes to connect and 10 minutes on a silent socket; each
  // step is bounded here, and a whole send by half the mail lease, 30 s (mail-delivery.ts).
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

export type BackgroundJobsOptions = {
  db: Db;
  config: Config;
  /** Without one, mails stay in the outbox (the development mailbox shows them). */
  transport: MailTransport | undefined;
  log: (message: string, detail?: Record<string, unknown>) => void;
  store: AttachmentStore;
  /** The signed reply addresses (REPLY_ADDRESS), for the reminder mail; null: send-only. */
  replies?: ReplyAddresses | null;
};

/**
 * The jobs every server process runs; each is safe to run in several processes at once. They read
 * the time from the database, never from the process: hosts whose clocks disagree would otherwise
 * take over each other's live leases, or close a case early.
 */
export function backgroundJobs({ db, config, transport, log, store, replies }: BackgroundJobsOptions): JobDefinition[] {
  const now = () => databaseNow(db);
  const jobs: JobDefinition[] = [
    { name: 'auto-close', intervalMs: MINUTE, run: async () => runAutoClose({ db, now: await now(), defaultAutoCloseDays: config.autoCloseDays, publicUrl: config.publicUrl, replies }) },
    { name: 'sla-warnings', intervalMs: MINUTE, run: async () => runSlaWarnings({ db, now: await now(), publicUrl: config.publicUrl }) },
    { name: 'staged-attachments', intervalMs: HOUR, run: async () => removeStaleStagedAttachments({ db, store, now: await now() }) },
    { name: 'orphan-attachment-files', intervalMs: HOUR, run: async () => removeOrphanFiles({ db, store, now: await now() }) },
    // Its first pass after an upgrade that changed the search folding writes the search index again; then it only reads a version.
    { name: 'search-reindex', intervalMs: HOUR, run: () => reindexArticles(db) },
  ];
  if (transport) jobs.push({ name: 'mail', intervalMs: 2000, run: () => deliverDueMails({ db, transport, from: config.mailFrom, clock: now, log }) });
  return jobs;
}
