/**
 * Knowledge search under load (issue 4): seeds 100,000 articles (half Japanese, half English, of
 * realistic lengths and word frequencies: bench/knowledge-corpus.ts), then measures one- and two-word searches with autocannon at 32 connections
 * on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL, and the time from
 * publishing an article to finding it. BENCH_QUICK=1 seeds a tenth, BENCH_SCALE=0.2 a fifth.
 *
 * Restarts (issue 22): the time from starting the server to searches answered from its index, first
 * reading every article (no snapshot yet), then again from the snapshot the first run wrote; and
 * the heap the index of these articles takes, loaded from that snapshot here after a full
 * collection (run with --expose-gc, as `npm run bench:knowledge` does).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { issueCsrfToken } from '../src/server/lib/http.ts';
import { loadServerKey } from '../src/server/lib/secrets.ts';
import { readSnapshot } from '../src/server/knowledge/index-snapshot.ts';
import { BENCH_QUERIES, distinctQueries, seedArticles } from './knowledge-corpus.ts';
import { benchSession } from './seed-cases.ts';

const root = path.resolve(import.meta.dirname, '..');
const ARTICLES = process.env.BENCH_QUICK === '1' ? 10_000 : Math.round(100_000 * Number(process.env.BENCH_SCALE ?? 1));
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

async function run(kind: 'sqlite' | 'postgres', pgUrl?: string) {
  const port = 3910;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-kbbench-'));
  let env: Record<string, string> = { DATA_DIR: dataDir };
  let db: Db;
  let drop = async () => {};
  if (kind === 'sqlite') {
    db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
  } else {
    const name = `caseway_kbbench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;
    db = openDatabase({ kind: 'postgres', url: url.toString() });
    env = { ...env, DATABASE_URL: url.toString() };
    drop = async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop database ${name} with (force)`);
      await client.end();
    };
  }
  await migrateToLatest(db);
  const started = Date.now();
  await seedArticles(db, ARTICLES);
  // Planner statistics as autovacuum would have them for a knowledge base that grew over time.
  if (kind === 'postgres') await sql`analyze`.execute(db);
  console.log(`[${kind}] seeded ${ARTICLES} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const agentId = (await db.insertInto('people').values({ kind: 'staff', account_id: null, email: 'bench.agent@example.com', first_name: 'Bench', last_name: 'Agent', password_hash: 'x', password_must_change: 0, time_zone: 'UTC', country_code: '', phone: '', mobile: '', preferred_contact: 'portal', language: 'en', otp_method: 'email', active: 1, terms_version_accepted: '1', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('person_roles').values({ person_id: agentId, role: 'agent', granted_at: 0 }).execute();
  const token = await benchSession(db, agentId);
  const key = await loadServerKey(db);
  await db.destroy();

  const snapshot = path.join(dataDir, 'search-index.snapshot');
  /** `log`: the server's log at info level is read (for how long its index took) instead of shown. */
  const start = (log?: (line: string) => void) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/caseway.js'), 'start'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: log ? 'info' : 'warn', RATE_LIMITS: 'false', SMTP_URL: '' }, stdio: ['ignore', log ? 'pipe' : 'inherit', 'inherit'] });
    if (log) readline.createInterface({ input: child.stdout! }).on('line', log);
    return child;
  };
  const stop = (server: ReturnType<typeof spawn>) =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  const base = `http://127.0.0.1:${port}`;
  /** Seconds from the server's start until it answers, and until its searches are answered from its index (memory-index.ts). */
  const untilReady = async () => {
    const starting = performance.now();
    let listening = 0;
    let state = '';
    while (state !== 'ready' && performance.now() - starting < 300_000) {
      try {
        state = ((await (await fetch(`${base}/api/health`)).json()) as { searchIndex: string }).searchIndex;
        listening ||= performance.now() - starting;
      } catch {
        // not yet listening
      }
      if (state === 'failed') throw new Error('the server could not load its search index');
      await new Promise((r) => setTimeout(r, 50));
    }
    return { listening: (listening / 1000).toFixed(1), ready: ((performance.now() - starting) / 1000).toFixed(1) };
  };
  let server = start();
  const rows: string[] = [];
  try {
    const first = await untilReady();
    rows.push(`| start → answering (listening) | | ${first.listening} s | | |`);
    rows.push(`| start → searches from the index, every article read (no snapshot) | | ${first.ready} s | | |`);
    // Popular searches repeat between writes, and their answers are kept; the distinct ones are
    // each computed from the index: one comes round again only after 2,500 others, beyond the
    // window in which a search asked again has its answer kept (search-cache.ts).
    const scenarios: Array<[string, string[]]> = [
      ...BENCH_QUERIES.map(([name, queries]): [string, string[]] => [`${name}, ${queries.length} popular (answers kept)`, queries]),
      ...distinctQueries().map(([name, queries]): [string, string[]] => [`${name}, ${queries.length.toLocaleString('en')} different (none kept)`, queries]),
    ];
    for (const [name, queries] of scenarios) {
      // One sequence for all connections (autocannon would walk a list once per connection, 32 in
      // step): a query comes round again only after every other one of its list.
      let next = 0;
      const requests = [{ method: 'GET' as const, setupRequest: (request: autocannon.Request) => ({ ...request, path: `/api/kb/search?q=${encodeURIComponent(queries[next++ % queries.length]!)}&limit=20` }) }];
      await autocannon({ url: base, connections: 32, duration: 2, requests });
      // autocannon's summary stops at p90 and p97.5; every response time is kept to read p95 exactly.
      const times: number[] = [];
      // Without a callback autocannon returns its event emitter made thenable; its types say only Promise.
      const instance = autocannon({ url: base, connections: 32, duration: DURATION_S, requests }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
      const result = await instance;
      if (result.non2xx + result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      times.sort((a, b) => a - b);
      const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
      rows.push(`| ${name} | ${result.requests.average.toFixed(0)} | ${at(50)} | ${at(95)} | ${at(99)} |`);
    }
    // Publish to searchable: publish over the API, then search until it appears.
    const csrf = issueCsrfToken(key, token);
    const headers = { cookie: `caseway_session=${token}; caseway_csrf=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const word = `zebrafinch${Date.now()}`;
    const t0 = performance.now();
    const created = await fetch(`${base}/api/kb/articles`, { method: 'POST', headers, body: JSON.stringify({ title: `Published ${word}`, body: 'Fresh article.', language: 'en', visibility: 'public', state: 'published' }) });
    if (created.status !== 201) throw new Error(`publish failed: ${created.status} ${await created.text()}`);
    let found = false;
    while (!found && performance.now() - t0 < 5000) {
      const search = (await (await fetch(`${base}/api/kb/search?q=${word}`)).json()) as { items: unknown[] };
      found = search.items.length > 0;
    }
    rows.push(`| publish → searchable | | ${found ? (performance.now() - t0).toFixed(1) : 'not found in 5 s'} ms | | |`);
    // The snapshot is written once the first index is ready; a restart loads it.
    while (!fs.existsSync(snapshot)) await new Promise((r) => setTimeout(r, 200));
    await stop(server);
    let loaded = '?';
    server = start((line) => {
      const seconds = /index is in memory: .* from its snapshot in ([\d.]+) s/.exec(line)?.[1];
      if (seconds) loaded = seconds;
    });
    const second = await untilReady();
    // The log is written by a worker of its own: the line may come a little after the health check says ready.
    for (const waited = performance.now(); loaded === '?' && performance.now() - waited < 10_000; ) await new Promise((r) => setTimeout(r, 100));
    rows.push(`| restart → answering (listening) | | ${second.listening} s | | |`);
    rows.push(`| restart: index loaded from its snapshot, articles since read (the server's log) | | ${loaded} s | | |`);
    rows.push(`| restart → searches from the index, from its snapshot (${(fs.statSync(snapshot).size / 2 ** 20).toFixed(0)} MB) | | ${second.ready} s | | |`);
  } finally {
    await stop(server);
  }
  const heap = await indexHeap(kind, env, snapshot);
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`\nKnowledge search, ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${ARTICLES} articles, 32 connections, ${DURATION_S} s each`);
  console.log('| scenario | req/s | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(heap);
}

/** The heap the index of the articles takes, loaded from its snapshot, after a full collection. */
async function indexHeap(kind: 'sqlite' | 'postgres', env: Record<string, string>, snapshot: string): Promise<string> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return 'Heap not measured: run with node --expose-gc.';
  const db = kind === 'sqlite' ? openDatabase({ kind: 'sqlite', file: path.join(env.DATA_DIR!, 'caseway.sqlite') }) : openDatabase({ kind: 'postgres', url: env.DATABASE_URL! });
  const database = Number((await db.selectFrom('counters').select('value').where('name', '=', 'search_snapshot_database').executeTakeFirstOrThrow()).value);
  await db.destroy();
  collect();
  const before = process.memoryUsage();
  const { index, reason } = await readSnapshot(snapshot, { database });
  if (!index) throw new Error(`the snapshot could not be read: ${reason}`);
  collect();
  const after = process.memoryUsage();
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  return `Index of ${index.size} articles from its snapshot: ${mb(after.heapUsed - before.heapUsed)} MB of heap after a full collection (target 150 MB), ${mb(after.arrayBuffers - before.arrayBuffers)} MB in buffers outside it`;
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.argv[2];
if (!only || only === 'sqlite') await run('sqlite');
if ((!only || only === 'postgres') && pgUrl) await run('postgres', pgUrl);
