/**
 * `npm run bench` and `npm run bench:pages`, "pages" step, part 2 (issue 22): Lighthouse 12.2.3's mobile preset (its default
 * simulated throttling: a slow 4G network and a CPU four times slower) on four pages of the built
 * app served by `caseway start`: the login page, My Cases, a case page with 50 activities and a
 * knowledge search's results, signed in where needed. Prints each page's performance and
 * accessibility scores, Largest Contentful Paint and transferred bytes against the issue's targets
 * (performance ≥ 95, accessibility 100). Drives Debian's Chromium (/usr/bin/chromium, never a
 * downloaded browser) through Lighthouse's command line, one fresh browser per page as Lighthouse
 * does. The simulation scales the CPU time it observes, so a machine busy with other work reads
 * somewhat lower. Needs a built web app (`npm run build`). LIGHTHOUSE_REPORTS=folder keeps each
 * page's full report there (JSON, for Lighthouse's viewer) to see where the time goes.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS } from '../e2e/fixtures.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedArticles } from './knowledge-corpus.ts';
import { benchSession, seedCases } from './seed-cases.ts';

const root = path.resolve(import.meta.dirname, '..');
const PERFORMANCE_TARGET = 95;
const ACCESSIBILITY_TARGET = 100;

type Audit = { numericValue?: number };
type Report = {
  categories: Record<'performance' | 'accessibility', { score: number | null }>;
  audits: Record<string, Audit>;
  runWarnings: string[];
};

if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('No built web app: run `npm run build` first.');

// One account with one contact (its administrator, English, terms accepted), whose one case has
// 50 activities; 300 articles to search.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-lighthouse-'));
const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
await migrateToLatest(db);
await seedCases(db, { accounts: 1, contacts: 1, cases: 1, activities: 50, bigAccountCases: 1 });
await seedArticles(db, 300);
const token = await benchSession(db, 1);
const { number: caseNumber } = await db.selectFrom('cases').select('number').executeTakeFirstOrThrow();
await db.destroy();

const port = 3930;
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'bin/caseway.js'), 'start'], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMITS: 'false', SMTP_URL: '' },
  stdio: ['ignore', 'inherit', 'inherit'],
});

const signedIn = { Cookie: `caseway_session=${token}` };
const pages: Array<{ name: string; path: string; headers?: Record<string, string> }> = [
  { name: 'login page', path: '/login' },
  { name: 'My Cases', path: '/my-cases', headers: signedIn },
  { name: 'case page (50 activities)', path: `/cases/${caseNumber}`, headers: signedIn },
  { name: 'knowledge search results', path: '/kb?q=license', headers: signedIn },
];

async function lighthouse(url: string, headers: Record<string, string> | undefined): Promise<Report> {
  const args = [
    path.join(root, 'node_modules/lighthouse/cli/index.js'),
    url,
    '--only-categories=performance,accessibility',
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
    // The session cookie goes with every request of the page, as a signed-in browser's would.
    ...(headers ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Report;
}

try {
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('the portal did not start');
    if (await fetch(`${baseUrl}/login`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log('\n## pages (Lighthouse 12.2.3, mobile, simulated throttling)');
  let allMet = true;
  for (const page of pages) {
    const report = await lighthouse(`${baseUrl}${page.path}`, page.headers);
    if (process.env.LIGHTHOUSE_REPORTS) fs.writeFileSync(path.join(process.env.LIGHTHOUSE_REPORTS, `${page.name.replace(/\W+/g, '-')}.json`), JSON.stringify(report));
    const performance = Math.round((report.categories.performance.score ?? 0) * 100);
    const accessibility = Math.round((report.categories.accessibility.score ?? 0) * 100);
    const lcp = report.audits['largest-contentful-paint']?.numericValue ?? NaN;
    const bytes = report.audits['total-byte-weight']?.numericValue ?? NaN;
    const met = performance >= PERFORMANCE_TARGET && accessibility >= ACCESSIBILITY_TARGET;
    allMet &&= met;
    console.log(
      `${page.name.padEnd(26)} performance ${String(performance).padStart(3)}  accessibility ${String(accessibility).padStart(3)}  LCP ${(lcp / 1000).toFixed(2)} s  transferred ${(bytes / 1024).toFixed(1)} KB  ${met ? 'pass' : 'FAIL'}`,
    );
    for (const warning of report.runWarnings) console.log(`  warning: ${warning}`);
  }
  console.log(`targets: performance ≥ ${PERFORMANCE_TARGET} and accessibility ${ACCESSIBILITY_TARGET} on every page: ${allMet ? 'met' : 'NOT met'}`);
} finally {
  // The database is removed only once the portal has closed it.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
