import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languageSwitcher, UI_LANGUAGES, type MessageLoaders, type MessagePart, type PartMessages, type UiLanguage } from './load.ts';

export { UI_LANGUAGES, type UiLanguage } from './load.ts';

// Each part of each language is a chunk of its own, fetched only when shown. `satisfies` makes a
// key missing from Japanese a type error.
const loaders: MessageLoaders = {
  en: {
    frame: () => import('./frame/en.json').then((module) => module.default),
    pages: () => import('./pages/en.json').then((module) => module.default),
    dashboard: () => import('./dashboard/en.json').then((module) => module.default),
  },
  ja: {
    frame: () => import('./frame/ja.json').then((module) => module.default satisfies PartMessages['frame']),
    pages: () => import('./pages/ja.json').then((module) => module.default satisfies PartMessages['pages']),
    dashboard: () => import('./dashboard/ja.json').then((module) => module.default satisfies PartMessages['dashboard']),
  },
};
const languages = languageSwitcher(i18n, loaders);

const STORAGE_KEY = 'caseway.language';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The language the viewer picked with the switch, if any; it wins over everything else. */
export function storedLanguage(): UiLanguage | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isUiLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): UiLanguage {
  const preferred = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Switches the language (once its strings are fetched) and remembers the choice on this browser. */
export function chooseLanguage(language: UiLanguage): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still works for this visit.
  }
  return languages.switchTo(language);
}

/** Follows the signed-in person's language unless the viewer chose one on this browser. */
export function adoptPersonLanguage(language: UiLanguage): void {
  if (!storedLanguage() && i18n.language !== language) void languages.switchTo(language);
}

/** Fetches the parts of the strings a page shows beyond the frame's; its code awaits them (router.tsx). */
export function loadStrings(parts: readonly MessagePart[]): Promise<void> {
  return languages.need(parts);
}

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : 'en';
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/**
 * Fetches the viewer's language and starts i18n with it; main.tsx renders only after, so a
 * Japanese page never shows English first.
 */
export async function startI18n(): Promise<void> {
  const language = storedLanguage() ?? browserLanguage();
  await i18n.use(initReactI18next).init({
    resources: {},
    lng: language,
    // No fallback language: English is not fetched for a Japanese page (Japanese has every key).
    fallbackLng: false,
    supportedLngs: UI_LANGUAGES,
    interpolation: { escapeValue: false },
    // A key shown before its part of the strings arrived (or never written) says so in the console,
    // where the browser tests look for it (e2e/fixtures.ts). Keys given a default value on purpose
    // (values of the audit log) are not missing.
    saveMissing: true,
    saveMissingTo: 'current',
    missingKeyHandler: (shownIn, _namespace, key, _fallback, _update, options) => {
      if ((options as { defaultValue?: unknown }).defaultValue === undefined) console.error(`Missing string: ${key} (${shownIn.join()})`);
    },
  });
  await languages.load(language);
  document.documentElement.lang = i18n.language;
}

export default i18n;
