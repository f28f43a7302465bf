import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type AxeCore from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { loadConfig } from '../src/server/config.ts';
import { startServer, type RunningServer } from '../src/server/main.ts';
import { startSmtpServer, type TestSmtpServer } from '../src/server/test/smtp.ts';

export { CHROMIUM_ARGS } from './chromium.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type Portal = {
  server: RunningServer;
  smtp: TestSmtpServer;
  browser: Browser;
  baseUrl: string;
  dataDir: string;
  newPage: (options?: { locale?: string; timezoneId?: string }) => Promise<{ page: Page; context: BrowserContext }>;
  /** Keys a page showed without their string (the app says so in the console: src/web/i18n/index.ts). */
  missingStrings: string[];
  /** Fails when a page showed a key without its string: every story checks that. */
  close: () => Promise<void>;
};

/**
 * The whole portal as a person meets it: the real server on a free port with its own SQLite
 * database, mail delivered through a real SMTP server, and Debian's Chromium. `hostname`
 * 'localhost' serves it as http://localhost:PORT (still on the loopback address): passkeys need a
 * domain as their relying-party id, and Chromium refuses an IP address there.
 */
export async function startPortal(options: { hostname?: '127.0.0.1' | 'localhost'; env?: Record<string, string> } = {}): Promise<Portal> {
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../dist/web/index.html'))) {
    throw new Error('The web app is not built: run `npm run build` (npm test does it first).');
  }
  const smtp = await startSmtpServer();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-e2e-'));
  const baseUrl = `http://${options.hostname ?? '127.0.0.1'}:${port}`;
  const server = await startServer(
    loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'false',
      ...options.env,
    }),
  );
  const browser = await chromium.connect(inject('chromiumEndpoint'));
  const contexts: BrowserContext[] = [];
  const missingStrings: string[] = [];
  return {
    server,
    smtp,
    browser,
    baseUrl,
    dataDir,
    missingStrings,
    newPage: async (options = {}) => {
      const context = await browser.newContext({ baseURL: baseUrl, locale: options.locale ?? 'en-US', timezoneId: options.timezoneId ?? 'Asia/Tokyo' });
      context.setDefaultTimeout(15_000);
      context.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('Missing string:')) missingStrings.push(`${new URL(message.page()?.url() ?? baseUrl).pathname}: ${message.text()}`);
      });
      contexts.push(context);
      return { page: await context.newPage(), context };
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (missingStrings.length > 0) throw new Error(`Pages showed keys without their strings:\n${missingStrings.join('\n')}`);
    },
  };
}

/** A download's file as text, read as a stream: the shared browser runs in a process of its own, whose files have no path here. */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The address of the built chunk that holds a source module of the web app (from Vite's manifest). */
export function builtChunk(source: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../dist/web/.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
  const chunk = manifest[source];
  if (!chunk) throw new Error(`${source} is no chunk of its own in the build`);
  return `/${chunk.file}`;
}

/** Waits for the next mail to `to` whose subject contains `subject`, delivered through SMTP. */
export async function mailTo(portal: Portal, to: string, subject: string) {
  return portal.smtp.waitFor((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '').toLowerCase().includes(to.toLowerCase()) && (m.subject ?? '').includes(subject));
}

export function temporaryPasswordIn(text: string): string {
  const match = /(?:Temporary password|仮パスワード): (\S+)/.exec(text) ?? /^\s{4}(\S{20})$/m.exec(text);
  if (!match) throw new Error(`no temporary password in:\n${text}`);
  return match[1]!;
}

export function passcodeIn(text: string): string {
  const match = /^\s{4}(\d{6})$/m.exec(text);
  if (!match) throw new Error(`no passcode in:\n${text}`);
  return match[1]!;
}

/**
 * Whether the focused element shows where focus is: a non-transparent outline on it, on the
 * visible twin of a visually hidden input (Mantine's Switch track), or on the wrapper that draws
 * the ring for it (a card whose link covers the card). Run in the page: `page.evaluate(focusIndicator)`;
 * null when the focus shows, otherwise what is wrong.
 */
export function focusIndicator(): string | null {
  const element = document.activeElement as HTMLElement | null;
  if (!element || element === document.body) return 'focus is on the page itself';
  const describe = `<${element.tagName.toLowerCase()}> "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
  // A date or time field's own parts take focus inside it, where :focus-visible no longer matches; its ring is drawn on :focus.
  const dateField = element instanceof HTMLInputElement && (element.type === 'date' || element.type === 'time');
  if (!element.matches(':focus-visible') && !dateField) return `${describe} is not :focus-visible`;
  const rings = (node: Element | null) => {
    if (!node) return false;
    const style = getComputedStyle(node);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !/rgba\(.*,\s*0\)|transparent/.test(style.outlineColor);
  };
  const candidates: (Element | null)[] = [element, element.nextElementSibling, element.parentElement, element.parentElement?.parentElement ?? null, element.closest('.card-link')];
  return candidates.some(rings) ? null : `${describe} has no visible focus indicator`;
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * WCAG 2.2 A/AA rules of axe; any violation fails the test with its rule ids and targets. axe is
 * put into a page once and stays while the app moves from page to page: @axe-core/playwright put
 * its 500 kB in again for every check, and parsing it was about half of what a check cost the
 * browser. Only violations are collected in full, the rest is work nobody reads.
 */
export async function expectNoAxeViolations(page: Page, where: string) {
  // A dialog still fading in has half-transparent colours, which axe reads as low contrast.
  await page.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const summary = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof AxeCore };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG_TAGS);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/** Tabs through the whole page from its start: every stop shows where focus is. */
export async function expectVisibleFocusThroughout(page: Page, where: string, maxStops = 80) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let stop = 1; stop <= maxStops; stop += 1) {
    await page.keyboard.press('Tab');
    // One round trip a stop: past the last control, Tab leaves the page for the browser's own controls.
    const { leftPage, problem } = await page.evaluate<{ leftPage: boolean; problem: string | null }>(`({ leftPage: document.activeElement === document.body, problem: (${focusIndicator.toString()})() })`);
    if (leftPage) return;
    expect(problem, `${where}, tab stop ${stop}`).toBeNull();
  }
}

/** Password, then the e-mailed one-time passcode: the login of a contact or agent with the Email method. */
export async function logInWithEmailCode(portal: Portal, page: Page, email: string, password: string, labels = { email: 'Email', password: 'Password', passcode: 'One-time passcode', submit: 'Submit' }) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  const sentBefore = portal.smtp.messages.length;
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  const mail = await portal.smtp.waitFor((m) => portal.smtp.messages.indexOf(m) >= sentBefore && JSON.stringify(m.to ?? '').includes(email) && /^One-time passcode for|のワンタイムパスコード$/.test(m.subject ?? ''));
  await page.getByLabel(labels.passcode).fill(passcodeIn(mail.text ?? ''));
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

/**
 * Chromium's virtual authenticator (DevTools protocol): a platform passkey store that verifies the
 * user at once, as a laptop's fingerprint reader would.
 */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials };
}
