import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** `range`: which cases of how many this page shows ("26–50 of 128 cases"); `capped`: more than `total` ("of 1,000+ cases"). */
type Props = { page: number; hasPrevious: boolean; hasNext: boolean; onPrevious: () => void; onNext: () => void; range?: { from: number; to: number; total: number; capped?: boolean } };

/**
 * How many cases match and which of them this page shows, with "Previous page" / "Next page". An
 * unavailable button stays focusable (aria-disabled) so focus is not lost when the last page is reached.
 */
export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext, range }: Props) {
  const { t, i18n } = useTranslation();
  const paged = hasPrevious || hasNext;
  if (!paged && !range) return null;
  return (
    <Group gap="sm" justify="space-between">
      <Text role="status" size="sm">
        {range ? t(range.capped ? 'cases.list.rangeCapped' : 'cases.list.range', { from: range.from, to: range.to, total: range.total.toLocaleString(i18n.language), count: range.total }) : t('cases.list.page', { page })}
      </Text>
      {paged && (
        <Group gap="sm">
          <Button variant="default" data-disabled={!hasPrevious || undefined} aria-disabled={!hasPrevious} onClick={() => hasPrevious && onPrevious()}>
            {t('cases.list.previous')}
          </Button>
          <Button variant="default" data-disabled={!hasNext || undefined} aria-disabled={!hasNext} onClick={() => hasNext && onNext()}>
            {t('cases.list.next')}
          </Button>
        </Group>
      )}
    </Group>
  );
}
