import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import enDashboard from './dashboard/en.json';
import jaDashboard from './dashboard/ja.json';
import enFrame from './frame/en.json';
import jaFrame from './frame/ja.json';
import enPages from './pages/en.json';
import jaPages from './pages/ja.json';
import { languageSwitcher, type MessageLoaders, type MessagePart, type UiLanguage } from './load.ts';

const STRINGS = { en: { frame: enFrame, pages: enPages, dashboard: enDashboard }, ja: { frame: jaFrame, pages: jaPages, dashboard: jaDashboard } };

/** A fresh i18n whose parts are fetched by hand (`release('ja/pages')`), counting each fetch. */
async function setUp() {
  const i18n = createInstance();
  await i18n.init({ resources: {}, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
  const fetches: string[] = [];
  const releases = new Map<string, () => void>();
  const loader =
    <Part extends MessagePart>(language: UiLanguage, part: Part) =>
    () => {
      fetches.push(`${language}/${part}`);
      return new Promise<(typeof STRINGS)['en'][Part]>((resolve) => releases.set(`${language}/${part}`, () => resolve(STRINGS[language][part])));
    };
  const loaders: MessageLoaders = {
    en: { frame: loader('en', 'frame'), pages: loader('en', 'pages'), dashboard: loader('en', 'dashboard') },
    ja: { frame: loader('ja', 'frame'), pages: loader('ja', 'pages'), dashboard: loader('ja', 'dashboard') },
  };
  const release = async (key: string) => {
    await tick();
    releases.get(key)!();
    await tick();
  };
  return { i18n, fetches, release, languages: languageSwitcher(i18n, loaders) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the language strings, fetched on demand', () => {
  it('fetches only the frame’s part of the language asked for, once however many ask at a time', async () => {
    const { i18n, fetches, release, languages } = await setUp();
    const first = languages.load('en');
    const second = languages.load('en');
    await release('en/frame');
    await Promise.all([first, second]);
    await languages.load('en');
    expect(fetches).toEqual(['en/frame']);
    expect(i18n.t('common.loading')).toBe(enFrame.common.loading);
    expect(i18n.exists('home.title')).toBe(false);
    expect(i18n.hasResourceBundle('ja', 'translation')).toBe(false);
  });

  it('fetches the pages’ part when a page needs it, merged with the frame’s', async () => {
    const { i18n, fetches, release, languages } = await setUp();
    const loading = languages.load('en');
    await release('en/frame');
    await loading;
    const needing = languages.need(['pages']);
    await release('en/pages');
    await needing;
    expect(fetches).toEqual(['en/frame', 'en/pages']);
    expect([i18n.t('common.loading'), i18n.t('home.title')]).toEqual([enFrame.common.loading, enPages.home.title]);
  });

  it('switches only once every part asked for is in the other language, so no page shows keys or the old language meanwhile', async () => {
    const { i18n, release, languages } = await setUp();
    const loading = languages.load('en');
    await release('en/frame');
    const needing = languages.need(['pages']);
    await release('en/pages');
    await Promise.all([loading, needing]);
    const switching = languages.switchTo('ja');
    await release('ja/frame');
    expect([i18n.language, i18n.t('home.title')]).toEqual(['en', enPages.home.title]);
    await release('ja/pages');
    await switching;
    expect([i18n.language, i18n.t('common.loading'), i18n.t('home.title')]).toEqual(['ja', jaFrame.common.loading, jaPages.home.title]);
  });

  it('fetches a part asked for during a switch in the language switched to as well', async () => {
    const { i18n, fetches, release, languages } = await setUp();
    const loading = languages.load('en');
    await release('en/frame');
    await loading;
    const switching = languages.switchTo('ja');
    const needing = languages.need(['pages']);
    await release('en/pages');
    await release('ja/frame');
    await release('ja/pages');
    await Promise.all([switching, needing]);
    expect(fetches.sort()).toEqual(['en/frame', 'en/pages', 'ja/frame', 'ja/pages']);
    expect([i18n.language, i18n.t('home.title')]).toEqual(['ja', jaPages.home.title]);
  });

  it('fetches a part asked for before the language is known with the language', async () => {
    const i18n = createInstance();
    const fetches: string[] = [];
    const languages = languageSwitcher(i18n, {
      en: { frame: async () => enFrame, pages: async () => enPages, dashboard: async () => enDashboard },
      ja: { frame: async () => (fetches.push('ja/frame'), jaFrame), pages: async () => (fetches.push('ja/pages'), jaPages), dashboard: async () => jaDashboard },
    });
    await languages.need(['pages']);
    await i18n.init({ resources: {}, lng: 'ja', fallbackLng: false });
    await languages.load('ja');
    expect(fetches).toEqual(['ja/frame', 'ja/pages']);
    expect(i18n.t('home.title')).toBe(jaPages.home.title);
  });

  it('keeps the last of quick successive choices, whichever language arrives first', async () => {
    const { i18n, release, languages } = await setUp();
    const toJa = languages.switchTo('ja');
    const toEn = languages.switchTo('en');
    await release('en/frame');
    await toEn;
    await release('ja/frame');
    await toJa;
    expect(i18n.language).toBe('en');
  });

  it('tries a failed fetch again on the next switch', async () => {
    const i18n = createInstance();
    await i18n.init({ resources: {}, lng: 'en', fallbackLng: false });
    let attempts = 0;
    const languages = languageSwitcher(i18n, {
      en: { frame: async () => enFrame, pages: async () => enPages, dashboard: async () => enDashboard },
      ja: {
        frame: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('offline');
          return jaFrame;
        },
        pages: async () => jaPages,
        dashboard: async () => jaDashboard,
      },
    });
    await expect(languages.switchTo('ja')).rejects.toThrow('offline');
    expect(i18n.language).toBe('en');
    await languages.switchTo('ja');
    expect([attempts, i18n.language]).toEqual([2, 'ja']);
  });
});
