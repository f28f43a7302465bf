import { Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's one h1; it also names the browser tab, so each page is told apart in history. */
export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: children });
  }, [children, t]);
  return (
    <Title order={1} mb="md">
      {children}
    </Title>
  );
}
