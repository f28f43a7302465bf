import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { page: number; hasPrevious: boolean; hasNext: boolean; onPrevious: () => void; onNext: () => void };

/**
 * "Previous page" / "Next page". An unavailable button stays focusable (aria-disabled) so focus
 * is not lost when the last page is reached.
 */
export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext }: Props) {
  const { t } = useTranslation();
  if (!hasPrevious && !hasNext) return null;
  return (
    <Group gap="sm" justify="space-between">
      <Text role="status" size="sm">
        {t('cases.list.page', { page })}
      </Text>
      <Group gap="sm">
        <Button variant="default" data-disabled={!hasPrevious || undefined} aria-disabled={!hasPrevious} onClick={() => hasPrevious && onPrevious()}>
          {t('cases.list.previous')}
        </Button>
        <Button variant="default" data-disabled={!hasNext || undefined} aria-disabled={!hasNext} onClick={() => hasNext && onNext()}>
          {t('cases.list.next')}
        </Button>
      </Group>
    </Group>
  );
}
