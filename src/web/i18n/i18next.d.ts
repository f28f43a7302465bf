import 'i18next';
import type en from './en.json';
import type dashboard from '../features/dashboard/messages/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The dashboard's strings arrive with its page (features/dashboard/messages), not with every page.
    resources: { translation: typeof en & { dashboard: typeof dashboard } };
  }
}
