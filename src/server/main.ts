import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { buildApp, defaultWebRoot } from './app.ts';
import { assertServable, type Config } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { HOUR, systemClock } from './lib/clock.ts';
import { startJob, type RunningJob } from './lib/jobs.ts';
import { deliverDueMails } from './lib/mail-delivery.ts';
import { removeStaleStagedAttachments } from './attachments/staged-cleanup.job.ts';
import { runAutoClose } from './cases/auto-close.job.ts';

export function openConfiguredDatabase(config: Config): Db {
  return config.databaseUrl ? openDatabase({ kind: 'postgres', url: config.databaseUrl }) : openDatabase({ kind: 'sqlite', file: config.sqlitePath });
}

/** `caseway start`: migrate, serve pages and API on one port, and run the background jobs. */
export type RunningServer = { app: FastifyInstance; db: Db; url: string; close: () => Promise<void> };

export async function startServer(config: Config): Promise<RunningServer> {
  assertServable(config);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openConfiguredDatabase(config);
  await migrateToLatest(db);

  const jobs: RunningJob[] = [];
  const app = await buildApp({ db, config, kickMail: () => jobs.find((j) => j.name === 'mail')?.kick() });
  if (!fs.existsSync(path.join(defaultWebRoot, 'index.html'))) {
    app.log.warn('The web app is not built (dist/web is missing): run `npm run build`. The API is served alone.');
  }

  jobs.push(
    startJob(
      { name: 'auto-close', intervalMs: 60_000, run: () => runAutoClose({ db, now: systemClock(), defaultAutoCloseDays: config.autoCloseDays, publicUrl: config.publicUrl }) },
      (message, error) => app.log.error({ err: error }, message),
    ),
    startJob(
      { name: 'staged-attachments', intervalMs: HOUR, run: () => removeStaleStagedAttachments({ db, dataDir: config.dataDir, now: systemClock() }) },
      (message, error) => app.log.error({ err: error }, message),
    ),
  );
  if (config.smtpUrl) {
    // nodemailer's defaults wait up to 2 minutes to connect and 10 minutes on a silent socket; each
    // step is bounded here, and a whole send by half the mail lease, 30 s (mail-delivery.ts).
    const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    jobs.push(
      startJob(
        { name: 'mail', intervalMs: 2000, run: () => deliverDueMails({ db, transport, from: config.mailFrom, clock: systemClock, log: (m, d) => app.log.warn(d, m) }) },
        (message, error) => app.log.error({ err: error }, message),
      ),
    );
  } else {
    app.log.info('SMTP_URL is not set: mails are kept in the development mailbox at /dev/mailbox.');
  }

  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`Caseway is serving ${config.publicUrl} (listening on ${address})`);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await Promise.all(jobs.map((job) => job.stop()));
      await app.close();
      await db.destroy();
    })());
  return { app, db, close, url: address };
}
