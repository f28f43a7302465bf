import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtChunk, expectNoAxeViolations, startPortal, type Portal } from './fixtures.ts';

describe('Portal Help and Contact Us, in a real browser', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(() => portal?.close());

  it('A visitor reads the user guide in English and in Japanese', async () => {
    const { page } = await portal.newPage();
    await page.goto('/');
    // Issue 22: while the next page's code is on its way, the header stays and the page's place shows
    // a busy skeleton at once (held here until seen, so the check does not race a fast load).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${builtChunk('features/help/pages/PortalHelpPage.tsx')}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Portal Help' }).first().click();
    await page.getByRole('main').locator('[aria-busy="true"][role="status"]').waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Portal Help' }).first().isVisible()).toBe(true);
    // The footer waits below the fold, not to be pushed down when the page arrives (a layout shift).
    expect(await page.getByRole('contentinfo').evaluate((footer) => footer.getBoundingClientRect().top >= window.innerHeight)).toBe(true);
    release();
    await page.getByRole('heading', { level: 1, name: 'Portal Help' }).waitFor();
    expect(await page.getByRole('main').locator('[aria-busy="true"]').count()).toBe(0);
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await contents.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 2, name: 'Forgot your password?' }).waitFor();
    await page.getByText('Pair device and Login').first().waitFor();
    await expectNoAxeViolations(page, 'Portal Help');

    const ja = (await portal.newPage({ locale: 'ja-JP' })).page;
    await ja.goto('/help');
    await ja.getByRole('heading', { level: 1, name: 'ポータルヘルプ' }).waitFor();
    await ja.getByRole('navigation', { name: '目次' }).getByRole('link', { name: '利用者登録(初回のみ)' }).waitFor();
    await expectNoAxeViolations(ja, 'Portal Help (ja)');
  });

  it('A tab opened before a release loads the new release when the next page’s code is gone', async () => {
    const { page } = await portal.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Contact Us' }).first().waitFor();
    // The old build's chunk answers 404 once, as after a release; the page is loaded anew at the
    // address being opened, and that load finds the code.
    await page.route(`**${builtChunk('features/contact/pages/ContactUsPage.tsx')}`, (route) => route.fulfill({ status: 404, body: '' }), { times: 1 });
    await page.evaluate(() => Object.assign(window, { beforeTheRelease: true }));
    await page.getByRole('link', { name: 'Contact Us' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Contact Us' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/contact-us');
    expect(await page.evaluate(() => 'beforeTheRelease' in window)).toBe(false);

    // A chunk still missing after that reload is missing for another reason: the error page stays
    // (with its Reload button) rather than reloading in a loop.
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await page.route(`**${builtChunk('features/knowledge/pages/KnowledgeBasePage.tsx')}`, (route) => route.fulfill({ status: 404, body: '' }));
    await page.getByRole('link', { name: 'Knowledge Base' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Something went wrong' }).waitFor();
    await page.waitForTimeout(500);
    expect(documents).toEqual([]);
  });

  it('A visitor finds the vendor’s contact details from settings', async () => {
    const { page } = await portal.newPage();
    await page.goto('/contact-us');
    await page.getByRole('heading', { level: 1, name: 'Contact Us' }).waitFor();
    // Until an administrator saves the vendor's own, a first start shows the shipped sample.
    await page.getByText('Example Software K.K. — Customer Support').waitFor();
    expect(await page.getByText('These are the sample details shipped with Caseway').count()).toBe(0);
    await portal.server.db
      .insertInto('settings')
      .values([
        { key: 'contact_company', value: 'Example Software K.K.' },
        { key: 'contact_email', value: 'support@vendor.example' },
        { key: 'contact_phone', value: '+81 3-1234-5678' },
      ])
      .execute();
    await page.reload();
    await page.getByRole('link', { name: 'support@vendor.example' }).waitFor();
    await page.getByText('Example Software K.K.').waitFor();
    await expectNoAxeViolations(page, 'Contact Us');
    const ja = (await portal.newPage({ locale: 'ja-JP' })).page;
    await ja.goto('/contact-us');
    await ja.getByRole('heading', { level: 1, name: 'お問い合わせ' }).waitFor();
    await expectNoAxeViolations(ja, 'Contact Us (ja)');
  });
});
