import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatFileSize } from './format.ts';
import { useSession } from './session.ts';

/** Formats moments in the viewer's language and in the time zone of their profile. */
export function useDateTime(): (epochMs: number) => string {
  const { i18n } = useTranslation();
  const timeZone = useSession().data?.person?.timeZone;
  return useCallback((epochMs: number) => formatDateTime(epochMs, i18n.language, timeZone), [i18n.language, timeZone]);
}

/** Formats file sizes in the viewer's language. */
export function useFileSize(): (bytes: number) => string {
  const { i18n } = useTranslation();
  return useCallback((bytes: number) => formatFileSize(bytes, i18n.language), [i18n.language]);
}
