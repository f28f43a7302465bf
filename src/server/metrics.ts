import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { databaseNow, databasePools, type Db } from './db/database.ts';
import { articleIndexSize, articleIndexState } from './knowledge/index-registry.ts';
import type { JobDefinition } from './lib/jobs.ts';

/**
 * What an operator watches, in Prometheus's format: requests per route, the outbox, the jobs, the
 * database pool, the search index, and the process (memory, event-loop delay). Served on a port of
 * its own (METRICS_PORT), never through the portal's, so it cannot be reached from the internet.
 */
export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(db: Db) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requestDuration = new Histogram({
    name: 'caseway_http_request_duration_seconds',
    help: 'Time to answer a request, by route (the pattern, not the address) and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const serverErrors = new Counter({
    name: 'caseway_http_server_errors_total',
    help: 'Requests answered with a 5xx status, by route',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });

  const jobRuns = new Counter({ name: 'caseway_job_runs_total', help: 'Passes of each background job, by outcome', labelNames: ['job', 'outcome'], registers: [registry] });
  const jobDuration = new Histogram({ name: 'caseway_job_duration_seconds', help: 'Time a pass of each background job took', labelNames: ['job'], buckets: [0.01, 0.1, 1, 10, 60], registers: [registry] });
  const lastSuccess = new Map<string, number>();
  new Gauge({
    name: 'caseway_job_seconds_since_success',
    help: 'Seconds since this process last finished a pass of each job without error (lag: it grows when a job stalls or keeps failing)',
    labelNames: ['job'],
    registers: [registry],
    collect() {
      for (const [job, at] of lastSuccess) this.set({ job }, (Date.now() - at) / 1000);
    },
  });

  // The outbox is shared by every process: each reports the same figures, read from the database.
  const outboxWaiting = new Gauge({ name: 'caseway_outbox_waiting', help: 'Mails waiting to be sent', registers: [registry] });
  const outboxRetrying = new Gauge({ name: 'caseway_outbox_retrying', help: 'Waiting mails whose delivery failed at least once', registers: [registry] });
  const outboxGivenUp = new Gauge({ name: 'caseway_outbox_given_up', help: 'Mails given up (a passcode that expired before it could be sent)', registers: [registry] });
  new Gauge({
    name: 'caseway_outbox_oldest_age_seconds',
    help: 'Age of the oldest mail waiting to be sent (0: none waits)',
    registers: [registry],
    async collect() {
      const [now, outbox] = await Promise.all([
        databaseNow(db),
        db
          .selectFrom('mail_outbox')
          .select((eb) => [
            eb.fn.countAll<number>().as('waiting'),
            eb.fn.min('created_at').as('oldest'),
            eb.fn.count<number>(eb.case().when('attempts', '>', 0).then(1).end()).as('retrying'),
          ])
          .where('state', '=', 'pending')
          .executeTakeFirstOrThrow(),
      ]);
      const givenUp = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', 'expired').executeTakeFirstOrThrow();
      outboxWaiting.set(Number(outbox.waiting));
      outboxRetrying.set(Number(outbox.retrying));
      outboxGivenUp.set(Number(givenUp.count));
      this.set(outbox.oldest === null ? 0 : Math.max(0, (now - Number(outbox.oldest)) / 1000));
    },
  });

  new Gauge({
    name: 'caseway_db_pool_connections',
    help: 'PostgreSQL connections of each pool of this process, by state (idle, in use, requests waiting for one)',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      for (const [pool, stats] of Object.entries(databasePools(db))) {
        this.set({ pool, state: 'idle' }, stats.idleCount);
        this.set({ pool, state: 'in_use' }, stats.totalCount - stats.idleCount);
        this.set({ pool, state: 'waiting' }, stats.waitingCount);
      }
    },
  });

  new Gauge({
    name: 'caseway_search_index_state',
    help: 'The knowledge search index of this process: 1 for its current state (loading: searches use the database)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = articleIndexState(db);
      for (const state of ['off', 'loading', 'ready', 'failed']) this.set({ state }, state === current ? 1 : 0);
    },
  });
  new Gauge({
    name: 'caseway_search_index_articles',
    help: 'Articles in this process’s knowledge search index',
    registers: [registry],
    collect() {
      this.set(articleIndexSize(db));
    },
  });

  return {
    registry,
    /** Times every request the app answers; `routeOptions.url` is the pattern, so ids never become labels. */
    instrument(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
        requestDuration.observe(labels, reply.elapsedTime / 1000);
        if (reply.statusCode >= 500) serverErrors.inc(labels);
      });
    },
    timed(job: JobDefinition): JobDefinition {
      return {
        ...job,
        run: async () => {
          const stop = jobDuration.startTimer({ job: job.name });
          try {
            const result = await job.run();
            jobRuns.inc({ job: job.name, outcome: 'success' });
            lastSuccess.set(job.name, Date.now());
            return result;
          } catch (error) {
            jobRuns.inc({ job: job.name, outcome: 'failure' });
            throw error;
          } finally {
            stop();
          }
        },
      };
    },
  };
}

/** Serves GET /metrics on its own port; anything else is a 404. */
export async function serveMetrics(metrics: Metrics, port: number, host: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics could not be collected: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
