import type { i18n as I18n } from 'i18next';
import type dashboard from './dashboard/en.json';
import type frame from './frame/en.json';
import type pages from './pages/en.json';

/** The languages of the portal; the same list the server accepts for a person's language. */
export const UI_LANGUAGES = ['en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * A language's strings come in parts (issue 22), each a folder of this one: `frame` holds what the
 * header, footer, error pages and the login page show, so a first visit to /login fetches only
 * that; `pages` holds the rest but the dashboards', which `dashboard` holds. A page's code is
 * fetched together with the parts it shows (router.tsx).
 */
export type MessagePart = 'frame' | 'pages' | 'dashboard';

/** Each part's strings in English's shape; ja has every key (a type check and messages.test.ts). */
export type PartMessages = { frame: typeof frame; pages: typeof pages; dashboard: typeof dashboard };

/** Every visible string of one language. */
export type Messages = typeof frame & typeof pages & typeof dashboard;

/** Fetches one part of one language: a dynamic import, so each is a chunk of its own. */
export type MessageLoaders = Record<UiLanguage, { [Part in MessagePart]: () => Promise<PartMessages[Part]> }>;

/**
 * Switches i18n between languages whose strings are fetched on demand (issue 22: a page downloads
 * only its viewer's language, and the login page only the frame's part). Each part of a language is
 * fetched once, by however many callers at a time. The language changes only once every part asked
 * for so far is in for it, so no page shows keys or the other language meanwhile; of quick
 * successive choices the last one wins.
 */
export function languageSwitcher(i18n: I18n, loaders: MessageLoaders) {
  const loading = new Map<string, Promise<void>>();
  const parts = new Set<MessagePart>(['frame']);
  let wanted: UiLanguage | null = null;

  const loadPart = (language: UiLanguage, part: MessagePart): Promise<void> => {
    const key = `${language}/${part}`;
    let pending = loading.get(key);
    if (!pending) {
      pending = loaders[language][part]().then(
        // Merged into the one `translation` namespace: a key reads the same whichever part has it.
        (messages) => void i18n.addResourceBundle(language, 'translation', messages, true),
        (error: unknown) => {
          // A failed fetch (offline, a new release removed the chunk) may be tried again later.
          loading.delete(key);
          throw error;
        },
      );
      loading.set(key, pending);
    }
    return pending;
  };

  /** Fetches every part asked for so far in the language, including parts asked for meanwhile. */
  const load = async (language: UiLanguage): Promise<void> => {
    let asked = 0;
    while (asked < parts.size) {
      asked = parts.size;
      await Promise.all([...parts].map((part) => loadPart(language, part)));
    }
  };

  /**
   * Fetches parts in the language shown and in the one being switched to, for the pages that show
   * them; later switches fetch them too.
   */
  const need = async (needed: readonly MessagePart[]): Promise<void> => {
    for (const part of needed) parts.add(part);
    const languages = new Set([i18n.language, wanted].filter((language): language is UiLanguage => (UI_LANGUAGES as readonly unknown[]).includes(language)));
    await Promise.all([...languages].flatMap((language) => needed.map((part) => loadPart(language, part))));
  };

  const switchTo = async (language: UiLanguage): Promise<void> => {
    wanted = language;
    await load(language);
    if (wanted === language && i18n.language !== language) await i18n.changeLanguage(language);
  };

  return { load, need, switchTo };
}
