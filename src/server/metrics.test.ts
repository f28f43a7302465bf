import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { startServer, type RunningServer } from './main.ts';
import { createTestDatabase, databaseKinds, seedAccount, seedPerson, type TestDatabase } from './test/helpers.ts';

/** The value of one sample line of a Prometheus text answer, by its name and labels as written. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(databaseKinds)('metrics for Prometheus on METRICS_PORT (%s)', { timeout: 60_000 }, (kind) => {
  let database: TestDatabase | undefined;
  let server: RunningServer;
  let dataDir: string;
  const scrape = async () => (await fetch(server.metricsUrl!)).text();

  beforeAll(async () => {
    // SQLite: the server's own file under DATA_DIR; PostgreSQL: a fresh database.
    if (kind === 'postgres') database = await createTestDatabase(kind);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-metrics-'));
    server = await startServer(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url! } : {}) }),
    );
    // A mail waiting for the outbox (no SMTP is configured, so it waits).
    const account = await seedAccount(server.db);
    const person = await seedPerson(server.db, { accountId: account.id });
    await server.db
      .insertInto('mail_outbox')
      .values({ message_id: '<m1@test>', to_address: person.email, subject: 's', text_body: 't', html_body: 'h', state: 'pending', attempts: 1, next_attempt_at: 0, created_at: Date.now() - 90_000 })
      .execute();
  });
  afterAll(async () => {
    await server?.close();
    await database?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('times requests per route pattern and status, never per address', async () => {
    await fetch(`${server.url}/api/cases/CS0000001`);
    await fetch(`${server.url}/api/cases/CS0000002`);
    await fetch(`${server.url}/api/health`);
    const text = await scrape();
    expect(sample(text, 'caseway_http_request_duration_seconds_count{method="GET",route="/api/cases/:number",status_code="401"}')).toBe(2);
    expect(sample(text, 'caseway_http_request_duration_seconds_count{method="GET",route="/api/health",status_code="200"}')).toBe(1);
    expect(text).not.toContain('CS0000001');
    expect(text).toContain('# TYPE caseway_http_server_errors_total counter');
  });

  it('reports the outbox, the search index, the jobs, the process and (PostgreSQL) the pool', async () => {
    let text = await scrape();
    expect(sample(text, 'caseway_outbox_waiting')).toBe(1);
    expect(sample(text, 'caseway_outbox_retrying')).toBe(1);
    expect(sample(text, 'caseway_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'caseway_search_index_articles')).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^caseway_search_index_state\{state="(ready|loading)"\} 1$/m);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    if (kind === 'postgres') expect(text).toMatch(/^caseway_db_pool_connections\{pool="queries",state="idle"\} \d+$/m);
    // The jobs start with the server; each finished pass is counted and dates the lag.
    for (let tries = 0; !/caseway_job_runs_total\{job="auto-close",outcome="success"\} [1-9]/.test(text) && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await scrape();
    }
    expect(sample(text, 'caseway_job_runs_total{job="auto-close",outcome="success"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'caseway_job_seconds_since_success{job="auto-close"}')).toBeLessThan(60);
  });

  it('answers only on its own port: the portal’s port has no /metrics', async () => {
    const publicAnswer = await (await fetch(`${server.url}/metrics`)).text();
    expect(publicAnswer).not.toContain('caseway_http_request_duration_seconds');
    expect((await fetch(server.metricsUrl!.replace('/metrics', '/'))).status).toBe(404);
  });
});
