import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/**
 * The dashboard's strings in the viewer's language, fetched with the dashboard (each language a
 * chunk of its own) and merged into the app's, so the login page does not carry them. True once
 * they are in; a language switch on the page fetches the other language's.
 */
export function useDashboardMessages(): boolean {
  const { i18n } = useTranslation();
  const language = i18n.language.startsWith('ja') ? 'ja' : 'en';
  const loaded = useQuery({
    queryKey: ['dashboard-messages', language],
    queryFn: async () => {
      const messages = language === 'ja' ? (await import('./ja.json')).default : (await import('./en.json')).default;
      i18n.addResourceBundle(language, 'translation', { dashboard: messages }, true, true);
      return true;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return loaded.data === true;
}
