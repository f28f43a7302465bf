/**
 * The portal the page benches load (bench/lighthouse.ts, bench/long-tasks.ts): `caseway start`
 * on the built app (spawnPortal, on a free port), over a fresh SQLite database holding one account
 * with one contact (its administrator, English, terms accepted), whose one case has 50 activities,
 * and 300 articles to search; with a session cookie's value for that contact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { spawnPortal } from '../src/server/test/spawned-portal.ts';
import { seedArticles } from './knowledge-corpus.ts';
import { benchSession, seedCases } from './seed-cases.ts';

const root = path.resolve(import.meta.dirname, '..');

export async function startPagesPortal() {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('No built web app: run `npm run build` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-pages-'));
  const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'caseway.sqlite') });
  await migrateToLatest(db);
  await seedCases(db, { accounts: 1, contacts: 1, cases: 1, activities: 50, bigAccountCases: 1 });
  await seedArticles(db, 300);
  const token = await benchSession(db, 1);
  const { number: caseNumber } = await db.selectFrom('cases').select('number').executeTakeFirstOrThrow();
  await db.destroy();

  const portal = await spawnPortal({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMITS: 'false' }).catch((error: unknown) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    // The database is removed only once the portal has closed it.
    await portal.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  // The four pages the issue names, signed in where needed.
  const pages: Array<{ name: string; path: string; signedIn: boolean }> = [
    { name: 'login page', path: '/login', signedIn: false },
    { name: 'My Cases', path: '/my-cases', signedIn: true },
    { name: 'case page (50 activities)', path: `/cases/${caseNumber}`, signedIn: true },
    { name: 'knowledge search results', path: '/kb?q=license', signedIn: true },
  ];
  return { baseUrl: portal.base, token, pages, stop };
}
