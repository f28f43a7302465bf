import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';
import { languageSwitcher, type MessageLoaders, type UiLanguage } from './load.ts';

/** A fresh i18n whose languages are fetched by hand, counting each fetch. */
async function setUp() {
  const i18n = createInstance();
  await i18n.init({ resources: {}, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
  const fetches: UiLanguage[] = [];
  const release: Partial<Record<UiLanguage, () => void>> = {};
  const loader = (language: UiLanguage, messages: typeof en) => () => {
    fetches.push(language);
    return new Promise<typeof en>((resolve) => (release[language] = () => resolve(messages)));
  };
  const loaders: MessageLoaders = { en: loader('en', en), ja: loader('ja', ja) };
  return { i18n, fetches, release, languages: languageSwitcher(i18n, loaders) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the language strings, fetched on demand', () => {
  it('fetches only the language asked for, once however many ask at a time', async () => {
    const { i18n, fetches, release, languages } = await setUp();
    const first = languages.load('en');
    const second = languages.load('en');
    release.en!();
    await Promise.all([first, second]);
    await languages.load('en');
    expect(fetches).toEqual(['en']);
    expect(i18n.t('common.loading')).toBe(en.common.loading);
    expect(i18n.hasResourceBundle('ja', 'translation')).toBe(false);
  });

  it('switches only once the other language is in, so no page shows keys or the old language meanwhile', async () => {
    const { i18n, release, languages } = await setUp();
    const loadingEn = languages.load('en');
    release.en!();
    await loadingEn;
    const switching = languages.switchTo('ja');
    await tick();
    expect([i18n.language, i18n.t('common.loading')]).toEqual(['en', en.common.loading]);
    release.ja!();
    await switching;
    expect([i18n.language, i18n.t('common.loading')]).toEqual(['ja', ja.common.loading]);
  });

  it('keeps the last of quick successive choices, whichever language arrives first', async () => {
    const { i18n, release, languages } = await setUp();
    const toJa = languages.switchTo('ja');
    const toEn = languages.switchTo('en');
    release.en!();
    await toEn;
    release.ja!();
    await toJa;
    expect(i18n.language).toBe('en');
  });

  it('tries a failed fetch again on the next switch', async () => {
    const i18n = createInstance();
    await i18n.init({ resources: {}, lng: 'en', fallbackLng: false });
    let attempts = 0;
    const languages = languageSwitcher(i18n, {
      en: async () => en,
      ja: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('offline');
        return ja;
      },
    });
    await expect(languages.switchTo('ja')).rejects.toThrow('offline');
    expect(i18n.language).toBe('en');
    await languages.switchTo('ja');
    expect([attempts, i18n.language]).toEqual([2, 'ja']);
  });
});
