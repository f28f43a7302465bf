/**
 * Knowledge search under load (issue 4): seeds 100,000 articles (half Japanese, half English, of
 * realistic lengths), then measures one- and two-word searches with autocannon at 32 connections
 * on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL, and the time from
 * publishing an article to finding it. BENCH_QUICK=1 seeds a tenth.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { issueCsrfToken } from '../src/server/lib/http.ts';
import { loadServerKey } from '../src/server/lib/secrets.ts';
import { indexArticle } from '../src/server/knowledge/search-index.ts';
import { benchSession } from './seed-cases.ts';

const root = path.resolve(import.meta.dirname, '..');
const ARTICLES = process.env.BENCH_QUICK === '1' ? 10_000 : 100_000;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

const JA_WORDS = ['ライセンス', 'パスワード', 'インストール', 'ドングル', 'ランタイム', '認証', '設定', '更新', 'エラー', '手順', '確認', 'サーバー', 'クライアント', 'ネットワーク', '保護', '暗号化', '有効期限', '再起動', 'ログ', '管理者'];
const JA_GLUE = ['の', 'を', 'に', 'は', 'が', 'で', 'と'];
const EN_WORDS = ['license', 'password', 'install', 'dongle', 'runtime', 'authentication', 'settings', 'update', 'error', 'procedure', 'server', 'client', 'network', 'protection', 'encryption', 'expiry', 'restart', 'log', 'administrator', 'manager', 'sentinel', 'feature', 'vendor', 'key'];

function pick<T>(list: T[], seed: number): T {
  return list[seed % list.length]!;
}

function japaneseText(seed: number, sentences: number): string {
  let text = '';
  for (let s = 0; s < sentences; s++) {
    for (let w = 0; w < 6; w++) text += pick(JA_WORDS, seed * 31 + s * 7 + w * 3) + pick(JA_GLUE, seed + s + w);
    text += 'します。';
  }
  return text;
}

function englishText(seed: number, sentences: number): string {
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const words: string[] = [];
    for (let w = 0; w < 12; w++) words.push(pick(EN_WORDS, seed * 17 + s * 5 + w * 7));
    out.push(`${words.join(' ')}.`);
  }
  return out.join(' ');
}

async function seed(db: Db): Promise<void> {
  const now = Date.now();
  const batch = 1000;
  for (let start = 0; start < ARTICLES; start += batch) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(start + batch, ARTICLES); i++) {
        const ja = i % 2 === 0;
        const title = ja ? `${pick(JA_WORDS, i)}${pick(JA_GLUE, i)}${pick(JA_WORDS, i * 7 + 3)}について` : `How to ${pick(EN_WORDS, i)} the ${pick(EN_WORDS, i * 7 + 3)}`;
        const body = ja ? japaneseText(i, 25) : englishText(i, 20);
        const row = await trx
          .insertInto('articles')
          .values({ number: `KB${String(i + 1).padStart(7, '0')}`, title, body, language: ja ? 'ja' : 'en', visibility: i % 10 === 0 ? 'customers' : 'public', state: 'published', published_at: now, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await indexArticle(trx, { id: row.id, title, body });
      }
    });
  }
  await db.insertInto('counters').values({ name: 'article', value: ARTICLES }).execute();
}

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
  await seed(db);
  console.log(`[${kind}] seeded ${ARTICLES} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const agentId = (await db.insertInto('people').values({ kind: 'staff', account_id: null, email: 'bench.agent@example.com', first_name: 'Bench', last_name: 'Agent', password_hash: 'x', password_must_change: 0, time_zone: 'UTC', country_code: '', phone: '', mobile: '', preferred_contact: 'portal', language: 'en', otp_method: 'email', active: 1, terms_version_accepted: '1', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('person_roles').values({ person_id: agentId, role: 'agent', granted_at: 0 }).execute();
  const token = await benchSession(db, agentId);
  const key = await loadServerKey(db);
  await db.destroy();

  const server = spawn(process.execPath, [path.join(root, 'bin/caseway.js'), 'start'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMITS: 'false', SMTP_URL: '' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const rows: string[] = [];
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/api/session`)).ok) break;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const scenarios: Array<[string, string[]]> = [
      ['one word, Japanese', ['パスワード', 'ライセンス', 'ドングル', '認証', '設定']],
      ['two words, Japanese', ['パスワード 更新', 'ライセンス 有効期限', 'ドングル 認証', 'サーバー 再起動']],
      ['one word, English', ['password', 'license', 'dongle', 'runtime', 'encryption']],
      ['two words, English', ['license manager', 'password update', 'dongle driver', 'server restart']],
    ];
    for (const [name, queries] of scenarios) {
      const requests = queries.map((q) => ({ method: 'GET' as const, path: `/api/kb/search?q=${encodeURIComponent(q)}&limit=20` }));
      await autocannon({ url: base, connections: 32, duration: 2, requests });
      const result = await autocannon({ url: base, connections: 32, duration: DURATION_S, requests });
      if (result.non2xx + result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      rows.push(`| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p97_5} | ${result.latency.p99} |`);
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
    rows.push(`| publish → searchable | | ${found ? (performance.now() - t0).toFixed(1) : 'not found in 5 s'} ms | | | |`);
  } finally {
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nKnowledge search, ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${ARTICLES} articles, 32 connections, ${DURATION_S} s each (autocannon reports p97.5, not p95; p95 ≤ p97.5)`);
  console.log('| scenario | req/s | p50 ms | p90 ms | p97.5 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.argv[2];
if (!only || only === 'sqlite') await run('sqlite');
if ((!only || only === 'postgres') && pgUrl) await run('postgres', pgUrl);
