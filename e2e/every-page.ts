import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptSolution, openCase, proposeSolution, startWork } from '../src/server/cases/cases.service.ts';
import { createArticle } from '../src/server/knowledge/knowledge.service.ts';
import { submitRegistration } from '../src/server/registration/registration.service.ts';
import type { Role } from '../src/server/db/schema.ts';
import { seedAccount, seedPerson } from '../src/server/test/helpers.ts';
import { expectNoAxeViolations, expectVisibleFocusThroughout, logInWithEmailCode, startPortal, type Portal } from './fixtures.ts';

export type Language = 'en' | 'ja';
type Person = { email: string; password: string };

const LOCALE: Record<Language, string> = { en: 'en-US', ja: 'ja-JP' };
const STATE_NEW: Record<Language, string> = { en: 'New', ja: '新規' };
const LOGIN_LABELS: Record<Language, { email: string; password: string; passcode: string; submit: string }> = {
  en: { email: 'Email', password: 'Password', passcode: 'One-time passcode', submit: 'Submit' },
  ja: { email: 'メールアドレス', password: 'パスワード', passcode: 'ワンタイムパスコード', submit: '送信' },
};

const NOT_FOUND = '/no-such-page';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

/** Nothing on the page reaches past the right edge: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** The text is on screen without scrolling right: its box ends within the viewport's width. */
async function expectWithinWidth(page: Page, text: string, what: string) {
  const box = await page.getByText(text, { exact: true }).filter({ visible: true }).first().boundingBox();
  expect(box, `${text} on ${what}`).not.toBeNull();
  expect(box!.x + box!.width, `${text} on ${what}`).toBeLessThanOrEqual(PHONE.width);
}

/** The page has drawn a frame since now: a change of width has reached its media queries and layout. */
async function afterNextFrame(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The page has its heading and has finished loading its data. */
async function settled(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expect.poll(() => page.locator('main .mantine-Loader-root').count(), { timeout: 15_000 }).toBe(0);
}

/**
 * Every page of src/web/router.tsx, as the person it is for, in one language, passes the WCAG 2.2
 * A/AA rules of axe, and (in English) every Tab stop on it shows its focus. One file a language
 * (every-page.en.test.ts, every-page.ja.test.ts) so the two run side by side.
 */
export function describeEveryPage(language: Language) {
  describe(`every page of the portal passes axe (${language})`, () => {
    let portal: Portal;
    let accountId = 0;
    let people: { contact: Person; agent: Person; admin: Person; verify: Person; pair: Person };
    let caseNumber: string;
    let surveyId: number;
    let article: string;

    beforeAll(async () => {
      portal = await startPortal();
      const db = portal.server.db;
      const deps = { db, publicUrl: portal.baseUrl, autoCloseDays: 14, kickMail: () => {} };
      const actor = async (email: string, roles: Role[]) => ({ person: await db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirstOrThrow(), roles });
      await db.insertInto('products').values({ name: 'Sentinel LDK', active: 1, created_at: Date.now() }).execute();
      const account = await seedAccount(db, 'Acme Japan K.K.');
      accountId = account.id;
      // Its administrators manage its single sign-on: Contacts shows that section too.
      await db.updateTable('accounts').set({ sso_self_service: 1 }).where('id', '=', account.id).execute();
      const person = (name: string, options: Parameters<typeof seedPerson>[1]) => seedPerson(db, { language, email: `${name}.${language}@example.com`, ...options });
      people = {
        contact: await person('contact', { accountId: account.id, roles: ['approver', 'account_admin'], firstName: 'Hanako', lastName: 'Suzuki' }),
        agent: await person('agent', { kind: 'staff', roles: ['agent'], firstName: 'Ai', lastName: 'Agent' }),
        admin: await person('admin', { kind: 'staff', roles: ['admin'], firstName: 'Ad', lastName: 'Min' }),
        verify: await person('verify', { accountId: account.id, otpMethod: 'app', totpSecret: 'JBSWY3DPEHPK3PXP' }),
        pair: await person('pair', { accountId: account.id, otpMethod: 'app', totpSecret: null }),
      };
      const contact = await actor(people.contact.email, ['approver', 'account_admin']);
      const agent = await actor(people.agent.email, ['agent']);
      // One case left open, one taken to Closed so its survey exists.
      caseNumber = (await openCase(deps, contact, { type: 'portal_issue', productId: null, priority: 3, subject: 'Invoice download fails', description: 'Nothing happens.', attachmentIds: [] }, Date.now())).number;
      const closed = (await openCase(deps, contact, { type: 'portal_issue', productId: null, priority: 4, subject: 'Password reset mail', description: 'It came late.', attachmentIds: [] }, Date.now())).number;
      await startWork(deps, agent, closed, Date.now());
      await proposeSolution(deps, agent, closed, 'The mail server was slow; it is fixed.', Date.now());
      await acceptSolution(deps, contact, closed, Date.now());
      surveyId = (await db.selectFrom('surveys').innerJoin('cases', 'cases.id', 'surveys.case_id').select('surveys.id').where('cases.number', '=', closed).executeTakeFirstOrThrow()).id;
      await submitRegistration(
        { db, publicUrl: portal.baseUrl, kickMail: () => {} },
        { customerIdentifier: account.identifier, firstName: 'Jiro', lastName: 'Tanaka', email: 'jiro@acme.example', timeZone: 'Asia/Tokyo', countryCode: 'JP', phone: '03-1234-5678', mobile: '', preferredContact: 'portal', language: 'ja', otpMethod: 'email' },
        { now: Date.now(), ip: '127.0.0.1' },
      );
      article = (
        await createArticle(
          db,
          await actor(people.agent.email, ['agent']),
          { title: 'Activating a license', body: '# Steps\n\n1. Open the **license manager**.\n2. Choose *Activate*.', language: 'en', visibility: 'public', state: 'published', productIds: [] },
          Date.now(),
        )
      ).number;
    });
    afterAll(() => portal?.close());

    /**
     * Opens the page as a link in the portal does, without loading the app again (loading it for
     * each page and width was a third of this file's time, and put axe into the page anew each
     * time). It goes through the page that is not found, so the page checked is built anew even
     * when the one before it shares its route (My Cases, then My Cases of the account); that page
     * itself is loaded.
     */
    async function visit(page: Page, path: string) {
      if (!page.url().startsWith(portal.baseUrl) || path === NOT_FOUND) return void (await page.goto(path));
      for (const step of [NOT_FOUND, path]) {
        await page.evaluate((to) => {
          for (const heading of document.querySelectorAll('h1')) heading.dataset.left = '';
          window.history.pushState(null, '', to);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, step);
        await page.locator('h1:not([data-left])').first().waitFor();
      }
    }

    /**
     * Each page on a phone held upright (390 px), built at that width as a phone opens it, never
     * scrolling sideways; then the same page widened to a desktop's: axe-clean at both widths.
     * Widening it rather than building it again at the other width cut a quarter of the Japanese
     * file's CPU (108 → 82 core-seconds).
     */
    async function check(page: Page, paths: string[], language: Language) {
      for (const path of paths) {
        await page.setViewportSize(PHONE);
        await visit(page, path);
        await settled(page);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(portal.missingStrings, `${path} (${language})`).toEqual([]);
        await expectNoSidewaysScroll(page, `${path} at 390 px (${language})`);
        // The phone layout's markup is the same in both languages, so axe checks it in English; the
        // widths, which Japanese text changes, are checked in both.
        if (language === 'en') await expectNoAxeViolations(page, `${path} at 390 px (${language})`);
        // A case's subject and state read without scrolling right, on its page and in the lists.
        if (path === `/cases/${caseNumber}` || path.startsWith('/my-cases') || path === '/queue') {
          await expectWithinWidth(page, 'Invoice download fails', `${path} at 390 px`);
          await expectWithinWidth(page, STATE_NEW[language], `${path} at 390 px`);
        }
        await page.setViewportSize(DESKTOP);
        await afterNextFrame(page);
        await expectNoAxeViolations(page, `${path} (${language})`);
        // Focus styles do not depend on the language, so one pass of Tab is enough.
        if (language === 'en') await expectVisibleFocusThroughout(page, path);
      }
    }

    async function signedIn(language: Language, person: Person) {
      const { page } = await portal.newPage({ locale: LOCALE[language] });
      await logInWithEmailCode(portal, page, person.email, person.password, LOGIN_LABELS[language]);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await settled(page);
      return page;
    }

    it(`A visitor's pages: home, sign-in and registration (${language})`, async () => {
      const { page } = await portal.newPage({ locale: LOCALE[language] });
      await check(page, ['/', '/login', '/login/sso?outcome=requested', '/login/sso?outcome=unavailable', '/forgot-password', '/register', '/register/form', '/register/help'], language);
    });

    it(`A visitor's pages: knowledge base, help and the rest (${language})`, async () => {
      const { page } = await portal.newPage({ locale: LOCALE[language] });
      await check(page, ['/kb', '/kb?q=license', `/kb/${article}`, '/help', '/contact-us', '/dev/mailbox', NOT_FOUND], language);
    });

    it(`The sign-in steps with an authenticator app (${language})`, async () => {
      for (const [person, path] of [
        [people.verify, '/login/verify'],
        [people.pair, '/login/pair'],
      ] as const) {
        const { page } = await portal.newPage({ locale: LOCALE[language] });
        await page.goto('/login');
        await page.getByLabel(LOGIN_LABELS[language].email, { exact: true }).fill(person.email);
        await page.getByLabel(LOGIN_LABELS[language].password, { exact: true }).fill(person.password);
        await page.getByRole('button', { name: LOGIN_LABELS[language].submit, exact: true }).click();
        await page.waitForURL((url) => url.pathname === path);
        await settled(page);
        await expectNoAxeViolations(page, `${path} (${language})`);
      }
    });

    it(`A contact's pages (${language})`, async () => {
      const page = await signedIn(language, people.contact);
      await check(
        page,
        ['/', '/my-cases', '/my-cases?scope=account', '/create-case', `/cases/${caseNumber}`, '/surveys', `/surveys/${surveyId}`, '/my-account', '/registration-requests', '/contacts', '/dashboard', '/kb?q=license', `/kb/${article}`],
        language,
      );
    });

    it(`An agent's pages (${language})`, async () => {
      const page = await signedIn(language, people.agent);
      await check(page, ['/', '/queue', `/cases/${caseNumber}`, '/kb/new', `/kb/${article}`, `/kb/${article}/edit`, '/surveys/summary', '/my-account'], language);
    });

    it(`An administrator's pages (${language})`, async () => {
      const page = await signedIn(language, people.admin);
      await check(
        page,
        ['/admin', '/admin/accounts', `/admin/accounts/${accountId}`, '/admin/dashboard', `/admin/dashboard?account=${accountId}&period=12m`, '/admin/staff', '/admin/products', '/admin/registration-requests', '/admin/registration-help', '/admin/settings', '/admin/audit', '/registration-requests', '/queue', '/surveys/summary'],
        language,
      );
    });
  });
}
