import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A visible, announced "Loading…" while a page waits for its data (`data-loading`: see styles.css). */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Group role="status" gap="sm" py="xl" justify="center" data-loading>
      <Loader size="sm" aria-hidden />
      <Text>{t('common.loading')}</Text>
    </Group>
  );
}
