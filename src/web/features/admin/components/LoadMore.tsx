import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } };

/** The next page of a keyset-paginated list, appended below the rows already shown. */
export function LoadMore({ list }: Props) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
      {t('admin.loadMore')}
    </Button>
  );
}
