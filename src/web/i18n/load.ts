import type { i18n as I18n } from 'i18next';
import type en from './en.json';

/** The languages of the portal; the same list the server accepts for a person's language. */
export const UI_LANGUAGES = ['en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Every visible string of one language (en.json's shape; ja.json must have each key). */
export type Messages = typeof en;

/** Fetches one language's strings: a dynamic import, so each language is a chunk of its own. */
export type MessageLoaders = Record<UiLanguage, () => Promise<Messages>>;

/**
 * Switches i18n between languages whose strings are fetched on demand (issue 22: a page downloads
 * only its viewer's language). Each language is fetched once, by however many callers at a time;
 * the language changes only once its strings are in, so no page shows keys or the other language
 * meanwhile, and of quick successive choices the last one wins.
 */
export function languageSwitcher(i18n: I18n, loaders: MessageLoaders) {
  const loading = new Map<UiLanguage, Promise<void>>();
  let wanted: UiLanguage | null = null;

  const load = (language: UiLanguage): Promise<void> => {
    if (i18n.hasResourceBundle(language, 'translation')) return Promise.resolve();
    let pending = loading.get(language);
    if (!pending) {
      pending = loaders[language]().then(
        (messages) => void i18n.addResourceBundle(language, 'translation', messages),
        (error: unknown) => {
          // A failed fetch (offline, a new release removed the chunk) may be tried again later.
          loading.delete(language);
          throw error;
        },
      );
      loading.set(language, pending);
    }
    return pending;
  };

  const switchTo = async (language: UiLanguage): Promise<void> => {
    wanted = language;
    await load(language);
    if (wanted === language && i18n.language !== language) await i18n.changeLanguage(language);
  };

  return { load, switchTo };
}
