/**
 * `npm run bench:dashboard`: the account's dashboard over the benchmark volume (200,000 cases, with
 * the figures the dashboard reads: closings, reached targets, answered surveys), for the big
 * account's administrator and for the vendor's all-accounts view, over the last 12 months, on
 * SQLite and (BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL. The target is a p99 under
 * 300 ms. A dashboard is opened by an administrator now and then, not by every customer at once:
 * 1 connection (one at a time) and 4 (a few at once). BENCH_QUICK=1 seeds a tenth.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { insertPerson } from '../src/server/accounts/accounts.repository.ts';
import { databaseKind, openDatabase, refreshPlannerStatistics, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { spawnPortal } from '../src/server/test/spawned-portal.ts';
import { benchSession, FULL_VOLUME, seedCases, type CaseVolume } from './seed-cases.ts';

const CONNECTIONS = [1, 4];
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET_MS = 300;
const quick = process.env.BENCH_QUICK === '1';
const volume: CaseVolume = quick ? { accounts: 100, contacts: 2_000, cases: 20_000, activities: 100_000, bigAccountCases: 2_000 } : FULL_VOLUME;
const HOUR = 3600_000;

/**
 * What the dashboard reads beyond the cases themselves: closing times, first responses and
 * resolutions reached (half of them in time), and a survey answered for every closed case, a
 * third of them with a comment.
 */
async function seedDashboardFigures(db: Db) {
  await sql`update cases set closed_at = created_at + (id % 50) * ${sql.lit(HOUR)} where state in ('closed', 'cancelled')`.execute(db);
  await sql`update cases set sla_response_at = created_at + (id % 120 + 5) * 60000, sla_response_minutes = id % 120 + 5, sla_response_met = case when id % 120 + 5 <= 60 then 1 else 0 end where state <> 'new'`.execute(db);
  await sql`update cases set sla_resolution_at = created_at + (id % 2000 + 60) * 60000, sla_resolution_minutes = id % 2000 + 60, sla_resolution_met = case when id % 2000 + 60 <= 1000 then 1 else 0 end where state in ('resolved', 'closed')`.execute(db);
  await sql`insert into surveys (case_id, contact_id, account_id, state, answer_1, answer_2, answer_3, answer_4, answer_5, comment, created_at, answered_at)
    select id, contact_id, account_id, 'answered', id % 5 + 1, 4, 4, 4, 4, case when id % 3 = 0 then 'Seeded comment on case ' || number else null end, closed_at, closed_at + ${sql.lit(HOUR)}
    from cases where state = 'closed'`.execute(db);
  await refreshPlannerStatistics(db);
  // Autovacuum would soon mark the bulk-loaded pages all-visible, which index-only scans need to
  // skip the table; measuring before it has run would measure the load, not the dashboard.
  if (databaseKind(db) === 'postgres') await sql`vacuum analyze`.execute(db);
}

async function vendorAdministrator(db: Db, now: number): Promise<number> {
  return insertPerson(
    db,
    {
      kind: 'staff',
      account_id: null,
      email: 'admin@bench.example',
      first_name: 'Bench',
      last_name: 'Admin',
      password_hash: 'not-used',
      password_must_change: 0,
      time_zone: 'Asia/Tokyo',
      country_code: 'JP',
      phone: '03-0000-0000',
      mobile: '',
      preferred_contact: 'portal',
      language: 'en',
      otp_method: 'email',
      totp_secret: null,
      active: 1,
      terms_version_accepted: '1',
      created_at: now,
      updated_at: now,
    },
    ['admin'],
    now,
  );
}

/** User + system CPU a process has used, in ms (Linux /proc; USER_HZ 100). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Latency at `connections`, and the portal process's CPU per request: on a machine shared with
 * other work the wall-clock figures stretch, the CPU does not. Failed requests are counted in the
 * line, not thrown, so every scenario prints.
 */
async function measure(url: string, token: string, connections: number, portalPid: number) {
  const options = { url, headers: { cookie: `caseway_session=${token}` }, connections, timeout: 30 };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const cpuBefore = cpuMs(portalPid);
  const result = await autocannon({ ...options, duration: DURATION_S });
  const cpuPerRequest = (cpuMs(portalPid) - cpuBefore) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequest, failures: result.non2xx + result.errors + result.timeouts };
}

async function benchDatabase(kind: 'sqlite' | 'postgres', pgUrl?: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-bench-dashboard-'));
  let env: Record<string, string> = { DATA_DIR: dataDir };
  let db: Db;
  let dropSchema = async () => {};
  if (kind === 'sqlite') {
    db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
  } else {
    const schema = `bench_dashboard_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    db = openDatabase({ kind: 'postgres', url });
    env = { ...env, DATABASE_URL: url };
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    };
  }
  const now = Date.now();
  await migrateToLatest(db);
  const seedStart = Date.now();
  await seedCases(db, volume, now);
  await seedDashboardFigures(db);
  console.log(`[${kind}] seeded ${volume.cases} cases with dashboard figures in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  // Contact 1 administers account 1, the big customer (a tenth of the cases).
  const accountAdminToken = await benchSession(db, 1, now);
  const vendorAdminToken = await benchSession(db, await vendorAdministrator(db, now), now);
  await db.destroy();

  const portal = await spawnPortal({ ...env, LOG_LEVEL: 'warn', RATE_LIMITS: 'false', NODE_ENV: 'development' });
  try {
    const day = (offset: number) => new Date(now + 9 * HOUR + offset * 24 * HOUR).toISOString().slice(0, 10);
    const period = `from=${day(-364)}&to=${day(0)}`;
    const name = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    console.log(`\n${name} — dashboard, ${DURATION_S} s each, ${volume.cases} cases${quick ? ' (BENCH_QUICK: a tenth of the volume)' : ''}`);
    const scenarios = [
      { scenario: 'Dashboard, account admin (big account), last 12 months', url: `${portal.base}/api/dashboard?${period}`, token: accountAdminToken },
      { scenario: 'Dashboard, vendor admin, all accounts, last 12 months', url: `${portal.base}/api/dashboard?account=all&${period}`, token: vendorAdminToken },
    ];
    for (const connections of CONNECTIONS) {
      for (const { scenario, url, token } of scenarios) {
        const row = await measure(url, token, connections, portal.child.pid!);
        const failed = row.failures > 0 ? `, ${row.failures} FAILED` : '';
        console.log(`- ${name}: ${scenario}, ${connections} connection${connections > 1 ? 's' : ''}: ${row.rps.toFixed(1)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms (target < ${TARGET_MS} ms): ${row.p99 < TARGET_MS && !row.failures ? 'met' : 'NOT met'}${failed}; portal CPU ${row.cpuPerRequest.toFixed(1)} ms a request`);
      }
    }
  } finally {
    await portal.stop();
    await dropSchema();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.argv[2];
if (!only || only === 'sqlite') await benchDatabase('sqlite');
if ((!only || only === 'postgres') && pgUrl) await benchDatabase('postgres', pgUrl);
if (only === 'postgres' && !pgUrl) console.log('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure PostgreSQL.');
