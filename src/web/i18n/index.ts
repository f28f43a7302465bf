import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ja from './ja.json';

/** The languages of the portal; the same list the server accepts for a person's language. */
export const UI_LANGUAGES = ['en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

// `satisfies` makes a key missing from ja.json a type error.
export const resources = {
  en: { translation: en },
  ja: { translation: ja satisfies typeof en },
} as const;

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

/** Switches the language and remembers the choice on this browser. */
export function chooseLanguage(language: UiLanguage): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still works for this visit.
  }
  void i18n.changeLanguage(language);
}

/** Follows the signed-in person's language unless the viewer chose one on this browser. */
export function adoptPersonLanguage(language: UiLanguage): void {
  if (!storedLanguage() && i18n.language !== language) void i18n.changeLanguage(language);
}

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : 'en';
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  supportedLngs: UI_LANGUAGES,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export default i18n;
