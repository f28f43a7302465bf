/**
 * `npm run bench` and `npm run bench:pages`, "pages" step, part 2 (issue 22): Lighthouse 12.2.3's mobile preset (its default
 * simulated throttling: a slow 4G network and a CPU four times slower) on four pages of the built
 * app served by `caseway start`: the login page, My Cases, a case page with 50 activities and a
 * knowledge search's results, signed in where needed. Prints each page's performance and
 * accessibility scores, Largest Contentful Paint and transferred bytes against the issue's targets
 * (performance ≥ 95, accessibility 100). Drives Debian's Chromium (/usr/bin/chromium, never a
 * downloaded browser), started here on a debugging port: the session cookie is put into its cookie
 * jar (a Cookie header of Lighthouse's extraHeaders gave way to the jar once the portal set its
 * CSRF cookie, and the page signed out). Lighthouse empties the origin's cache and storage before
 * each page. One run's score moves by ten points from run to run here (the login page read 85 and
 * 76 with the same build), so each page is loaded LIGHTHOUSE_RUNS times (5 by default) and the run
 * Lighthouse itself calls the median (its computeMedianRun) is printed, with the First Contentful
 * Paint and Total Blocking Time behind the score and the host's speed as Lighthouse measured it
 * (benchmarkIndex): the simulation multiplies the CPU time it observes by four, so a slower or
 * busier host reads lower (this machine read about 2,200 when quiet and 1,000–1,900 while its host
 * was busy, with scores 10 to 25 points lower). Needs a built web app (`npm run build`).
 * Each page is measured twice: served by the portal directly (HTTP/1.1, the issue's measure), and
 * as README's "Deploying" serves it, through nginx ending TLS and speaking HTTP/2, where the
 * browser fetches a page's many small chunks over one connection instead of six.
 * LIGHTHOUSE_REPORTS=folder keeps each page's median report there (JSON, for Lighthouse's viewer)
 * to see where the time goes; LIGHTHOUSE_PAGES=case,login measures only the pages whose names
 * contain one of those words (to compare two builds of one page).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/fixtures.ts';
import { startNginx } from '../src/server/test/nginx.ts';
import { startPagesPortal } from './pages-portal.ts';

const PERFORMANCE_TARGET = 95;
const ACCESSIBILITY_TARGET = 100;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);

const portal = await startPagesPortal();
const { baseUrl, token } = portal;

const onlyPages = process.env.LIGHTHOUSE_PAGES?.split(',');
const pages = portal.pages.filter((page) => !onlyPages || onlyPages.some((word) => page.name.includes(word)));

const debuggingPort = 9330;
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-lighthouse-profile-'));
const browserProcess = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, '--ignore-certificate-errors', `--remote-debugging-port=${debuggingPort}`, `--user-data-dir=${profileDir}`, 'about:blank'], { stdio: 'ignore' });

let proxy: Awaited<ReturnType<typeof startNginx>> | undefined;
try {
  const browser = await connect();
  proxy = await startNginx([baseUrl], { tls: true });
  console.log(`\n## pages (Lighthouse 12.2.3, mobile, simulated throttling; the median of ${RUNS} runs a page)`);
  const served = [
    { how: 'direct', base: baseUrl, met: true },
    { how: 'nginx, TLS, HTTP/2', base: proxy.base, met: true },
  ];
  for (const page of pages) {
    // The pages needing no sign-in come first, before the cookie is set.
    if (page.signedIn) await browser.contexts()[0]!.addCookies(served.map(({ base }) => ({ name: 'caseway_session', value: token, url: base })));
    for (const serving of served) {
      const met = await measure(page, serving);
      serving.met &&= met;
    }
  }
  for (const { how, met } of served) console.log(`targets: performance ≥ ${PERFORMANCE_TARGET} and accessibility ${ACCESSIBILITY_TARGET} on every page, ${how}: ${met ? 'met' : 'NOT met'}`);
} finally {
  await proxy?.stop();
  const browserExited = new Promise((resolve) => browserProcess.once('exit', resolve));
  browserProcess.kill('SIGTERM');
  await Promise.all([portal.stop(), browserExited]);
  fs.rmSync(profileDir, { recursive: true, force: true });
}

/** Prints one page's median of RUNS Lighthouse runs; whether it meets the targets. */
async function measure(page: (typeof pages)[number], serving: { how: string; base: string }): Promise<boolean> {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await lighthouse(`${serving.base}${page.path}`, { port: debuggingPort, output: 'json', onlyCategories: ['performance', 'accessibility'], logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
    // Now and then a run records no first paint (NO_FCP: once in 40 runs here); it is left out.
    if (result.lhr.runtimeError) console.log(`  ${page.name}, ${serving.how}: a run left out (${result.lhr.runtimeError.code})`);
    else runs.push(result.lhr);
  }
  if (runs.length === 0) throw new Error(`Lighthouse measured no run of ${page.path}`);
  const report = computeMedianRun(runs);
  const name = `${page.name}, ${serving.how}`;
  if (process.env.LIGHTHOUSE_REPORTS) fs.writeFileSync(path.join(process.env.LIGHTHOUSE_REPORTS, `${name.replace(/\W+/g, '-')}.json`), JSON.stringify(report));
  const performance = Math.round((report.categories.performance?.score ?? 0) * 100);
  const accessibility = Math.round((report.categories.accessibility?.score ?? 0) * 100);
  const seconds = (audit: string) => `${((report.audits[audit]?.numericValue ?? NaN) / 1000).toFixed(2)} s`;
  const tbt = report.audits['total-blocking-time']?.numericValue ?? NaN;
  const bytes = report.audits['total-byte-weight']?.numericValue ?? NaN;
  const met = performance >= PERFORMANCE_TARGET && accessibility >= ACCESSIBILITY_TARGET;
  console.log(
    `${name.padEnd(46)} performance ${String(performance).padStart(3)}  accessibility ${String(accessibility).padStart(3)}  FCP ${seconds('first-contentful-paint')}  LCP ${seconds('largest-contentful-paint')}  TBT ${Math.round(tbt)} ms  transferred ${(bytes / 1024).toFixed(1)} KB  host benchmarkIndex ${Math.round(report.environment.benchmarkIndex)}  ${met ? 'pass' : 'FAIL'}`,
  );
  for (const warning of report.runWarnings) console.log(`  warning: ${warning}`);
  return met;
}

/** Playwright's connection to the Chromium started above, once it listens: it sets the cookie. */
async function connect() {
  for (let i = 0; ; i++) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${debuggingPort}`);
    } catch (error) {
      if (i > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
