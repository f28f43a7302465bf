/**
 * `npm run bench:scale`: My Cases through nginx with one portal process behind it, then with two
 * (two hosts' worth: each its own DATA_DIR) on one PostgreSQL database, at 32 connections. On these
 * 2-core machines two processes should not be slower than one. Needs PostgreSQL
 * (BENCH_DATABASE_URL or TEST_DATABASE_URL) and Debian's nginx; BENCH_QUICK=1 seeds a tenth.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { startNginx } from '../src/server/test/nginx.ts';
import { spawnPortal, type SpawnedPortal } from '../src/server/test/spawned-portal.ts';
import { startCpuShares } from './cpu-shares.ts';
import { benchSession, FULL_VOLUME, seedCases } from './seed-cases.ts';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const quick = process.env.BENCH_QUICK === '1';
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function myCasesThrough(base: string, token: string, portalPids: number[]) {
  const options = { url: `${base}/api/cases`, headers: { cookie: `caseway_session=${token}` }, connections: CONNECTIONS };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const cpu = startCpuShares((pid, name) => (portalPids.includes(pid) ? 'portal' : pid === process.pid ? 'autocannon' : name.startsWith('postgres') ? 'postgres' : name === 'nginx' ? 'nginx' : 'other'));
  const result = await autocannon({ ...options, duration: DURATION_S });
  const shares = cpu();
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${failures} failed requests (non-2xx ${result.non2xx}, errors ${result.errors})`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, shares };
}

if (!pgUrl) {
  console.log('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL): several hosts share a PostgreSQL database.');
} else {
  const schema = `bench_scale_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const db = openDatabase({ kind: 'postgres', url });
  await migrateToLatest(db);
  const volume = quick ? { ...FULL_VOLUME, accounts: 100, contacts: 2_000, cases: 20_000, activities: 100_000, bigAccountCases: 2_000 } : FULL_VOLUME;
  await seedCases(db, volume);
  const token = await benchSession(db, 2);
  await db.destroy();

  const folders: string[] = [];
  const host = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-scale-'));
    folders.push(dataDir);
    return spawnPortal({ DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMITS: 'false', NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1', SMTP_URL: 'smtp://127.0.0.1:9', TRUST_PROXY_HOPS: '1' });
  };
  const hosts: SpawnedPortal[] = [];
  const rows: Array<{ processes: number; rps: number; p50: number; p99: number; shares: Record<string, number> }> = [];
  try {
    for (const processes of [1, 2]) {
      while (hosts.length < processes) hosts.push(await host());
      const proxy = await startNginx(hosts.map((h) => h.base));
      try {
        rows.push({ processes, ...(await myCasesThrough(proxy.base, token, hosts.map((h) => h.child.pid!))) });
      } finally {
        await proxy.stop();
      }
    }
  } finally {
    await Promise.all(hosts.map((h) => h.stop()));
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }

  console.log(`\nScale — My Cases (a contact's first page) through nginx, PostgreSQL, ${CONNECTIONS} connections, ${DURATION_S} s each${quick ? ' (BENCH_QUICK: a tenth of the volume)' : ''}`);
  const share = (row: (typeof rows)[number], group: string) => `${(row.shares[group] ?? 0).toFixed(0)}%`;
  console.log('| portal processes | req/s | p50 ms | p99 ms | CPU (of all cores): portal | PostgreSQL | nginx | autocannon | other |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.processes} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${['portal', 'postgres', 'nginx', 'autocannon', 'other'].map((g) => share(row, g)).join(' | ')} |`);
  const [one, two] = rows;
  console.log(`- two processes: ${((two!.rps / one!.rps) * 100).toFixed(0)}% of one's req/s (target: not slower): ${two!.rps >= one!.rps * 0.95 ? 'met' : 'NOT met'}`);
}
