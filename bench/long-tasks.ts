/**
 * The main thread of a page's first load, from Chromium's own trace (issue 22): steadier than
 * Lighthouse's score, which moves about ten points from run to run here, for comparing two builds.
 * Loads each page LONG_TASKS_RUNS times (7 by default) in a fresh context, unthrottled, and prints
 * the medians of: the renderer's busy time, its longest task, and the time its long tasks would
 * block at Lighthouse's four times slower CPU (each task's 4 × duration beyond 50 ms, summed).
 * Build one version, run, build the other, run, and repeat the pair: this host's speed drifts.
 * LONG_TASKS_PAGES=case,login measures only the pages whose names contain one of those words.
 * Needs /usr/bin/chromium and a built web app; not part of `npm run bench`.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/fixtures.ts';
import { startPagesPortal } from './pages-portal.ts';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { data?: { isLoadingMainFrame?: boolean; documentLoaderURL?: string } } };

const RUNS = Number(process.env.LONG_TASKS_RUNS ?? 7);
const onlyPages = process.env.LONG_TASKS_PAGES?.split(',');

/** Busy time, longest task and blocking at 4× of the page's main thread, in ms, from one trace. */
function mainThread(events: TraceEvent[]) {
  const navigation = events.filter((event) => event.name === 'navigationStart' && event.args?.data?.isLoadingMainFrame && event.args.data.documentLoaderURL?.startsWith('http')).at(-1);
  if (!navigation) return null;
  const tasks = events
    .filter((event) => event.pid === navigation.pid && event.tid === navigation.tid && event.ph === 'X' && event.name === 'RunTask' && event.ts >= navigation.ts)
    .map((event) => (event.dur ?? 0) / 1000);
  return {
    busy: tasks.reduce((sum, ms) => sum + ms, 0),
    longest: Math.max(...tasks),
    blocking: tasks.reduce((sum, ms) => sum + Math.max(0, 4 * ms - 50), 0),
  };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const portal = await startPagesPortal();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  console.log(`\n## the main thread of a first load (Chromium's trace, unthrottled; medians of ${RUNS} loads)`);
  for (const page of portal.pages.filter((page) => !onlyPages || onlyPages.some((word) => page.name.includes(word)))) {
    const loads: Array<NonNullable<ReturnType<typeof mainThread>>> = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      if (page.signedIn) await context.addCookies([{ name: 'caseway_session', value: portal.token, url: portal.baseUrl }]);
      const tab = await context.newPage();
      // blink.user_timing holds navigationStart, where the page's own tasks begin.
      await browser.startTracing(tab, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'loading', 'blink.user_timing'] });
      await tab.goto(`${portal.baseUrl}${page.path}`, { waitUntil: 'networkidle' });
      // The tasks after the last response: the render of what it brought.
      await tab.waitForTimeout(500);
      const trace = JSON.parse((await browser.stopTracing()).toString()) as TraceEvent[] | { traceEvents: TraceEvent[] };
      const load = mainThread(Array.isArray(trace) ? trace : trace.traceEvents);
      if (load) loads.push(load);
      await context.close();
    }
    const ms = (key: 'busy' | 'longest' | 'blocking') => `${Math.round(median(loads.map((load) => load[key])))} ms`;
    console.log(`${page.name.padEnd(26)} busy ${ms('busy')}  longest task ${ms('longest')}  blocking at 4× ${ms('blocking')}  (${loads.length} loads)`);
  }
} finally {
  await browser.close();
  await portal.stop();
}
