/**
 * `npm run bench:cases`: seeds the issue's volume and measures the portal with autocannon at 32
 * connections, on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL, against the
 * fair ceiling of bench/ceiling.ts: a bare node:http server doing only what My Cases must do (the
 * session row by key, the same page SQL, prepared once, sent as JSON). The ceiling and the portal
 * run side by side and are measured in turns forwards and back (measureInTurns), so the ratios of
 * one run share the machine's load even as it drifts.
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
import { startCpuShares } from './cpu-shares.ts';
import { benchSession, FULL_VOLUME, seedCases, type CaseVolume } from './seed-cases.ts';

const root = path.resolve(import.meta.dirname, '..');
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const quick = process.env.BENCH_QUICK === '1';
const volume: CaseVolume = quick ? { accounts: 100, contacts: 2_000, cases: 20_000, activities: 100_000, bigAccountCases: 2_000 } : FULL_VOLUME;

/** `rps` counts what the row names (a page load of several requests counts once); `cpu` is µs of the server's and PostgreSQL's CPU per such unit. */
type Row = { scenario: string; rps: number; p50: number; p99: number; serverCpu: number; databaseCpu: number };

/** The PostgreSQL backends serving the portal and the ceiling (named by application_name), not those of other work on the machine. */
let benchBackends = async (): Promise<number[]> => [];

type Scenario = { scenario: string; serverPid: number; options: autocannon.Options; requestsPerUnit?: number };
type Round = { requests: number; seconds: number; shares: { server: number; database: number }; p50: number; p99: number; non2xx: number; unanswered: number };

/** One round of a scenario; `backends` gathers the database's processes serving the benchmark, those opened during the round too. */
async function measureRound({ options, serverPid }: Scenario, backends: Set<number>, seconds: number): Promise<Round> {
  const started = process.hrtime.bigint();
  const cpu = startCpuShares((pid) => (pid === serverPid ? 'server' : backends.has(pid) ? 'database' : 'other'));
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: seconds });
  for (const pid of await benchBackends()) backends.add(pid);
  const shares = cpu();
  return { requests: result.requests.total, seconds: Number(process.hrtime.bigint() - started) / 1e9, shares: { server: shares.server ?? 0, database: shares.database ?? 0 }, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, unanswered: result.errors + result.timeouts };
}

/**
 * Measures scenarios whose ratios are compared in turns, forwards and then backwards (A B C C B A),
 * each for half the duration: this machine's speed drifts within the half-minute a group takes
 * (the portal's CPU a request for the same code read 212 and 290 µs in two runs), and the
 * palindromic order gives every scenario the same share of a drift that changes evenly. A row's
 * req/s and CPU are of both halves; its p50 and p99 are the higher of the two halves'.
 */
async function measureInTurns<const T extends readonly Scenario[]>(scenarios: T): Promise<{ [K in keyof T]: Row }> {
  for (const { options } of scenarios) await autocannon({ ...options, connections: CONNECTIONS, duration: 2 }); // warm-up
  const backends = new Set(await benchBackends());
  const halves = new Map<Scenario, Round[]>(scenarios.map((scenario) => [scenario, []]));
  for (const scenario of [...scenarios, ...[...scenarios].reverse()]) halves.get(scenario)!.push(await measureRound(scenario, backends, DURATION_S / 2));
  const rows = scenarios.map((scenario) => {
    const rounds = halves.get(scenario)!;
    const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
    // A wrong answer stops the run; a request the loaded machine did not answer in time is reported with the row.
    if (sum((round) => round.non2xx) > 0) throw new Error(`${scenario.scenario}: ${sum((round) => round.non2xx)} answers were not 2xx`);
    const unanswered = sum((round) => round.unanswered);
    const units = sum((round) => round.requests) / (scenario.requestsPerUnit ?? 1);
    const cpuPerUnit = (share: (round: Round) => number) => (sum((round) => (share(round) / 100) * os.availableParallelism() * round.seconds) * 1e6) / units;
    const row = {
      scenario: unanswered > 0 ? `${scenario.scenario} (${unanswered} unanswered)` : scenario.scenario,
      rps: units / sum((round) => round.seconds),
      p50: Math.max(...rounds.map((round) => round.p50)),
      p99: Math.max(...rounds.map((round) => round.p99)),
      serverCpu: cpuPerUnit((round) => round.shares.server),
      databaseCpu: cpuPerUnit((round) => round.shares.database),
    };
    console.log(`  ${row.scenario}: ${row.rps.toFixed(0)}/s, p99 ${row.p99} ms`);
    return row;
  });
  return rows as { [K in keyof T]: Row };
}

async function waitForHttp(url: string, child: ChildProcess, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url, { headers })).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;
const verdict = (met: boolean) => (met ? 'met' : '**NOT met**');

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
    const url = `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=caseway-bench`;
    const watcher = new pg.Client({ connectionString: pgUrl });
    await watcher.connect();
    benchBackends = async () => (await watcher.query<{ pid: number }>("select pid from pg_stat_activity where application_name = 'caseway-bench'")).rows.map((row) => row.pid);
    db = openDatabase({ kind: 'postgres', url });
    serverEnv = { DATA_DIR: dataDir, DATABASE_URL: url };
    ceilingTarget = url;
    dropSchema = async () => {
      await watcher.end();
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
  const ceilingBase = `http://127.0.0.1:${ceilingPort}`;
  const server = spawn(process.execPath, [path.join(root, 'bin/caseway.js'), 'start'], {
    env: { ...process.env, ...serverEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMITS: 'false', NODE_ENV: 'development', SMTP_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const ceiling = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/ceiling.ts'), kind, ceilingTarget, String(ceilingPort)], { stdio: ['ignore', 'inherit', 'inherit'] });
  const cookie = (token: string, csrf?: string) => `caseway_session=${token}${csrf ? `; caseway_csrf=${csrf}` : ''}`;
  const contactHeaders = { cookie: cookie(contactToken) };
  const adminHeaders = { cookie: cookie(adminToken) };
  const rows: Record<string, Row> = {};
  try {
    await waitForHttp(`${base}/api/session`, server);
    await waitForHttp(`${ceilingBase}/api/cases`, ceiling, contactHeaders);

    // Walk to page 50 of the big account once; its cursor is what a person clicking on would hold.
    let cursor: string | null = null;
    for (let page = 1; page < 50; page++) {
      const response: Response = await fetch(`${base}/api/cases?scope=account&limit=25${cursor ? `&cursor=${cursor}` : ''}`, { headers: adminHeaders });
      cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor;
      if (!cursor) throw new Error(`the big account has fewer than ${page + 1} pages`);
    }

    const caseWithActivity = `/api/cases/${contactCase.number}?with=activity`;
    // Every endpoint is warmed up first: on a busy machine the first one measured was still being
    // compiled by V8 after its own two seconds of warm-up, and read slower than the pages after it.
    const warmUps: autocannon.Options[] = [
      { url: `${ceilingBase}/api/cases`, headers: contactHeaders },
      { url: `${ceilingBase}/api/cases?scope=account`, headers: adminHeaders },
      { url: `${base}/api/cases`, headers: contactHeaders },
      { url: `${base}/api/cases?scope=account`, headers: adminHeaders },
      { url: `${base}${caseWithActivity}`, headers: contactHeaders },
    ];
    for (const options of warmUps) await autocannon({ ...options, connections: CONNECTIONS, duration: 3 });
    // What a contact's browser asks for when the case page opens (features/cases/api/cases.ts,
    // useCase): the case with its watchers and its activity, one request.
    const pageLoad = [{ method: 'GET' as const, path: caseWithActivity }];
    // Each ratio's scenarios in turns (measureInTurns), so they share the machine's load of the moment.
    [rows.ceilingContact, rows.contact, rows.casePage] = await measureInTurns([
      { scenario: "Ceiling: a contact's first page", serverPid: ceiling.pid!, options: { url: `${ceilingBase}/api/cases`, headers: contactHeaders } },
      { scenario: 'My Cases, contact, first page', serverPid: server.pid!, options: { url: `${base}/api/cases`, headers: contactHeaders } },
      { scenario: 'Case page loads (details + activity) a second', serverPid: server.pid!, options: { url: base, headers: contactHeaders, requests: pageLoad }, requestsPerUnit: pageLoad.length },
    ]);
    [rows.ceilingAdmin, rows.admin, rows.deep] = await measureInTurns([
      { scenario: "Ceiling: the account's first page", serverPid: ceiling.pid!, options: { url: `${ceilingBase}/api/cases?scope=account`, headers: adminHeaders } },
      { scenario: 'My Cases, account admin, first page', serverPid: server.pid!, options: { url: `${base}/api/cases?scope=account`, headers: adminHeaders } },
      { scenario: 'My Cases, account admin, page 50', serverPid: server.pid!, options: { url: `${base}/api/cases?scope=account&cursor=${cursor}`, headers: adminHeaders } },
    ]);
    const csrf = issueCsrfToken(serverKey, contactToken);
    [rows.create] = await measureInTurns([
      {
        scenario: 'Create Case',
        serverPid: server.pid!,
        options: {
          url: `${base}/api/cases`,
          method: 'POST',
          headers: { cookie: cookie(contactToken, csrf), 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'product_issue', productId: 1, priority: 3, subject: 'Benchmark: license not found', description: 'Created by npm run bench.' }),
        },
      },
    ]);
  } finally {
    await Promise.all([stop(server), stop(ceiling)]);
  }
  await dropSchema();
  fs.rmSync(dataDir, { recursive: true, force: true });
  report(kind, rows);
}

function report(kind: 'sqlite' | 'postgres', rows: Record<string, Row>) {
  const cpuNote = kind === 'postgres' ? 'server + PostgreSQL CPU µs' : 'server CPU µs';
  const cpu = (row: Row) => (kind === 'postgres' ? `${row.serverCpu.toFixed(0)} + ${row.databaseCpu.toFixed(0)}` : row.serverCpu.toFixed(0));
  const line = (row: Row, against: string, target: string, result: string) => `| ${row.scenario} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${cpu(row)} | ${against} | ${target} | ${result} |`;
  // What a request costs the machine apart from the load generator: the ratio req/s would show on a machine of its own.
  const machineCpu = (row: Row) => row.serverCpu + (kind === 'postgres' ? row.databaseCpu : 0);
  // A page load's p50 and p99 are of its requests, and its CPU is of the whole load.
  const firstPage = (row: Row, ceiling: Row) =>
    line(
      row,
      `${percent(row.rps, ceiling.rps)} of its ceiling (by CPU a request: ${percent(machineCpu(ceiling), machineCpu(row))})`,
      '≥ 50%, p99 < 50 ms',
      `share ${verdict(row.rps / ceiling.rps >= 0.5)}, p99 ${verdict(row.p99 < 50)}${ceiling.p99 >= 50 ? ' (the ceiling’s own p99 is over 50 ms: the machine is busy)' : ''}`,
    );
  const { ceilingContact, contact, ceilingAdmin, admin, deep, casePage, create } = rows as Record<string, Row>;
  console.log(`\n${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${CONNECTIONS} connections, ${DURATION_S} s each${quick ? ' (BENCH_QUICK: a tenth of the volume)' : ''}`);
  console.log(`| scenario | req/s | p50 ms | p99 ms | ${cpuNote} a request | against | target | result |`);
  console.log('|---|---:|---:|---:|---:|---|---|---|');
  console.log(line(ceilingContact!, '', '', ''));
  console.log(line(ceilingAdmin!, '', '', ''));
  console.log(firstPage(contact!, ceilingContact!));
  console.log(firstPage(admin!, ceilingAdmin!));
  console.log(line(deep!, `p99 ${percent(deep!.p99, admin!.p99)} of the first page's`, 'as fast as page 1', verdict(deep!.p99 <= admin!.p99 * 1.5 + 2)));
  console.log(line(casePage!, `${percent(casePage!.rps, contact!.rps)} of My Cases (contact) (by CPU: ${percent(machineCpu(contact!), machineCpu(casePage!))})`, '≥ 50%', verdict(casePage!.rps / contact!.rps >= 0.5)));
  console.log(line(create!, '', '', ''));
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.argv[2];
if (!only || only === 'sqlite') await benchDatabase('sqlite');
if ((!only || only === 'postgres') && pgUrl) await benchDatabase('postgres', pgUrl);
if (only === 'postgres' && !pgUrl) console.log('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure PostgreSQL.');
