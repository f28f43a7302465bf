import { Box, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * What <main> shows while the next page's code loads (issue 22): grey shapes where the heading and
 * the first lines will be, inside the page frame, so the header and navigation stay and nothing
 * blinks blank. It is announced as busy; the footer stays below the fold meanwhile (`data-loading`:
 * see styles.css).
 */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <Box role="status" aria-busy="true" aria-label={t('common.loading')} data-loading data-testid="page-skeleton">
      <Stack gap="md">
        <Skeleton height={34} width="40%" radius="sm" />
        <Skeleton height={16} radius="sm" />
        <Skeleton height={16} width="85%" radius="sm" />
        <Skeleton height={16} width="60%" radius="sm" />
      </Stack>
    </Box>
  );
}
