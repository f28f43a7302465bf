import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languageSwitcher, UI_LANGUAGES, type MessageLoaders, type Messages, type UiLanguage } from './load.ts';

export { UI_LANGUAGES, type UiLanguage } from './load.ts';

// Each language is a chunk of its own, fetched only when shown. `satisfies` makes a key missing
// from ja.json a type error.
const loaders: MessageLoaders = {
  en: () => import('./en.json').then((module) => module.default),
  ja: () => import('./ja.json').then((module) => module.default satisfies Messages),
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
    // No fallback language: English is not fetched for a Japanese page (ja.json has every key).
    fallbackLng: false,
    supportedLngs: UI_LANGUAGES,
    interpolation: { escapeValue: false },
  });
  await languages.load(language);
  document.documentElement.lang = i18n.language;
}

export default i18n;
