import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, defaultWebRoot } from './app.ts';
import { assertServable, type Config } from './config.ts';
import { openConfiguredDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startJob, type RunningJob } from './lib/jobs.ts';
import { backgroundJobs, smtpTransport } from './background-jobs.ts';
import { createMetrics, serveMetrics } from './metrics.ts';
import { openAttachmentStore } from './attachments/open-store.ts';
import { startMailIntake } from './inbound/mail-intake.ts';

/** `caseway start`: migrate, serve pages and API on one port, and run the background jobs. */
export type RunningServer = { app: FastifyInstance; db: Db; url: string; metricsUrl: string | undefined; inboundSmtpPort: number | undefined; close: () => Promise<void> };

export async function startServer(config: Config): Promise<RunningServer> {
  assertServable(config);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openConfiguredDatabase(config);
  await migrateToLatest(db);

  const jobs: RunningJob[] = [];
  const metrics = config.metricsPort === undefined ? undefined : createMetrics(db);
  const attachments = await openAttachmentStore(config.attachments, config.s3);
  const app = await buildApp({ db, config, metrics, attachments, kickMail: () => jobs.find((j) => j.name === 'mail')?.kick() });
  if (!fs.existsSync(path.join(defaultWebRoot, 'index.html'))) {
    app.log.warn('The web app is not built (dist/web is missing): run `npm run build`. The API is served alone.');
  }

  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
  if (!transport) app.log.info(`SMTP_URL is not set: mails are not sent but kept in the development mailbox, ${config.publicUrl}/dev/mailbox`);
  for (const job of backgroundJobs({ db, config, transport, store: attachments, replies: app.deps.replies, log: (message, detail) => app.log.warn(detail, message) })) {
    jobs.push(startJob(metrics ? metrics.timed(job) : job, (message, error) => app.log.error({ err: error }, message)));
  }

  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`Caseway is ready: open ${config.publicUrl}/ (listening on ${address})`);
  const metricsServer = metrics && (await serveMetrics(metrics, config.metricsPort!, config.metricsHost));
  if (metricsServer) app.log.info(`Metrics for Prometheus: ${metricsServer.url}`);
  const mailIntake = await startMailIntake(app);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Mail intake first: a mail still being taken finishes before the database closes.
      await mailIntake.close();
      await Promise.all([...jobs.map((job) => job.stop()), metricsServer?.close()]);
      await app.close();
      await db.destroy();
    })());
  return { app, db, close, url: address, metricsUrl: metricsServer?.url, inboundSmtpPort: mailIntake.smtpPort };
}
