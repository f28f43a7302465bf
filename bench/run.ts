/**
 * `npm run bench`: seeds the issue's volume and measures the portal with autocannon at 32
 * connections, on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL, against a
 * minimal node:http server reading one row by primary key from the same database as the ceiling.
 * BENCH_QUICK=1 seeds a tenth of the volume for a fast check of the script itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { issueCsrfToken } from '../src/server/lib/http.ts';
import { loadServerKey } from '../src/server/lib/secrets.ts';
import { benchSession, FULL_VOLUME, seedCases, type CaseVolume } from './seed-cases.ts';

const root = path.resolve(import.meta.dirname, '..');
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const quick = process.env.BENCH_QUICK === '1';
const volume: CaseVolume = quick ? { accounts: 100, contacts: 2_000, cases: 20_000, activities: 100_000, bigAccountCases: 2_000 } : FULL_VOLUME;

type Row = { scenario: string; rps: number; p50: number; p99: number };

async function measure(scenario: string, options: autocannon.Options): Promise<Row> {
  await autocannon({ ...options, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_S });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${scenario}: ${failures} failed requests (non-2xx ${result.non2xx}, errors ${result.errors})`);
  return { scenario, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function benchDatabase(kind: 'sqlite' | 'postgres', pgUrl?: string): Promise<void> {
  const port = 3900;
  const ceilingPort = 3901;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-bench-'));
  let db: Db;
  let serverEnv: Record<string, string>;
  let ceilingTarget: string;
  let dropSchema = async () => {};
  if (kind === 'sqlite') {
    const file = path.join(dataDir, 'caseway.sqlite');
    db = openDatabase({ kind: 'sqlite', file });
    serverEnv = { DATA_DIR: dataDir };
    ceilingTarget = file;
  } else {
    const schema = `bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    db = openDatabase({ kind: 'postgres', url });
    serverEnv = { DATA_DIR: dataDir, DATABASE_URL: url };
    ceilingTarget = url;
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    };
  }

  await migrateToLatest(db);
  const seedStart = Date.now();
  await seedCases(db, volume);
  console.log(`[${kind}] seeded ${volume.accounts} accounts, ${volume.contacts} contacts, ${volume.cases} cases, ${volume.activities} activities in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  // Contact 2 is a plain contact of account 2; contact 1 administers account 1, the big customer.
  const contactToken = await benchSession(db, 2);
  const adminToken = await benchSession(db, 1);
  const serverKey = await loadServerKey(db);
  const contactCase = await db.selectFrom('cases').select('number').where('contact_id', '=', 2).orderBy('id').executeTakeFirstOrThrow();
  await db.destroy();

  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(root, 'bin/caseway.js'), 'start'], {
    env: { ...process.env, ...serverEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMITS: 'false', NODE_ENV: 'development', SMTP_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const rows: Row[] = [];
  try {
    await waitForHttp(`${base}/api/session`, server);
    const cookie = (token: string, csrf?: string) => `caseway_session=${token}${csrf ? `; caseway_csrf=${csrf}` : ''}`;
    const contactHeaders = { cookie: cookie(contactToken) };
    const adminHeaders = { cookie: cookie(adminToken) };

    // Walk to page 50 of the big account once; its cursor is what a person clicking on would hold.
    let cursor: string | null = null;
    for (let page = 1; page < 50; page++) {
      const response: Response = await fetch(`${base}/api/cases?scope=account&limit=25${cursor ? `&cursor=${cursor}` : ''}`, { headers: adminHeaders });
      cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor;
      if (!cursor) throw new Error(`the big account has fewer than ${page + 1} pages`);
    }

    rows.push(await measure('My Cases, contact, first page', { url: `${base}/api/cases`, headers: contactHeaders }));
    rows.push(await measure('My Cases, account admin, first page', { url: `${base}/api/cases?scope=account`, headers: adminHeaders }));
    rows.push(await measure('My Cases, account admin, page 50', { url: `${base}/api/cases?scope=account&cursor=${cursor}`, headers: adminHeaders }));
    rows.push(await measure('Case page (details)', { url: `${base}/api/cases/${contactCase.number}`, headers: contactHeaders }));
    rows.push(await measure('Case page (activity)', { url: `${base}/api/cases/${contactCase.number}/activity`, headers: contactHeaders }));
    const csrf = issueCsrfToken(serverKey, contactToken);
    rows.push(
      await measure('Create Case', {
        url: `${base}/api/cases`,
        method: 'POST',
        headers: { cookie: cookie(contactToken, csrf), 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'product_issue', productId: 1, priority: 3, subject: 'Benchmark: license not found', description: 'Created by npm run bench.' }),
      }),
    );
  } finally {
    await stop(server);
  }

  const ceiling = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/ceiling.ts'), kind, ceilingTarget, String(ceilingPort)], { stdio: ['ignore', 'inherit', 'inherit'] });
  let ceilingRow: Row;
  try {
    await waitForHttp(`http://127.0.0.1:${ceilingPort}/`, ceiling);
    ceilingRow = await measure('Ceiling: node:http, one row by primary key', { url: `http://127.0.0.1:${ceilingPort}/` });
  } finally {
    await stop(ceiling);
  }
  await dropSchema();
  fs.rmSync(dataDir, { recursive: true, force: true });

  console.log(`\n${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${CONNECTIONS} connections, ${DURATION_S} s each${quick ? ' (BENCH_QUICK: a tenth of the volume)' : ''}`);
  console.log('| scenario | req/s | p50 ms | p99 ms | share of ceiling req/s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of [...rows, ceilingRow]) {
    console.log(`| ${row.scenario} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${((row.rps / ceilingRow.rps) * 100).toFixed(0)}% |`);
  }
  const deep = rows[2]!;
  // The issue's first-page targets, for both first pages it names: a contact's and an account administrator's.
  const verdicts = [rows[0]!, rows[1]!].flatMap((first) => [
    `${first.scenario}: p99 ${first.p99} ms (target < 50 ms): ${first.p99 < 50 ? 'met' : 'NOT met'}`,
    `${first.scenario}: ${((first.rps / ceilingRow.rps) * 100).toFixed(0)}% of the ceiling (target ≥ 35%): ${first.rps / ceilingRow.rps >= 0.35 ? 'met' : 'NOT met'}`,
  ]);
  verdicts.push(`page 50 p99 ${deep.p99} ms vs admin first page ${rows[1]!.p99} ms: ${deep.p99 <= rows[1]!.p99 * 1.5 + 2 ? 'as fast' : 'slower'}`);
  for (const verdict of verdicts) console.log(`- ${verdict}`);
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.argv[2];
if (!only || only === 'sqlite') await benchDatabase('sqlite');
if ((!only || only === 'postgres') && pgUrl) await benchDatabase('postgres', pgUrl);
if (only === 'postgres' && !pgUrl) console.log('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure PostgreSQL.');
