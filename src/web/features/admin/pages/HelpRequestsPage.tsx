import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useHelpRequests } from '../api/helpRequests.ts';
import { LoadMore } from '../components/LoadMore.tsx';

/** "Get help with registration" requests, newest first, each with everything the visitor wrote. */
export function HelpRequestsPage() {
  const { t } = useTranslation();
  const formatTime = useDateTime();
  const list = useHelpRequests();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.help.title')}</PageHeading>
        <Text>{t('admin.help.intro')}</Text>
      </div>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text>{t('admin.help.empty')}</Text>
      ) : (
        items.map((item) => (
          <Card key={item.id} component="article" withBorder padding="lg" aria-labelledby={`help-${item.id}`}>
            <Title order={2} size="h3" id={`help-${item.id}`} mb="sm">
              {t('admin.help.heading', { name: item.name, company: item.company })}
            </Title>
            <DetailsTable
              compact
              rows={[
                { label: t('admin.help.email'), value: <Anchor href={`mailto:${item.email}`}>{item.email}</Anchor> },
                { label: t('admin.help.company'), value: item.company },
                { label: t('admin.help.language'), value: t(`languages.${item.language}`) },
                { label: t('admin.help.received'), value: formatTime(item.createdAt) },
              ]}
            />
            <Text fw={600} mt="md">
              {t('admin.help.message')}
            </Text>
            <Text className="pre-wrap">{item.message}</Text>
          </Card>
        ))
      )}
      <LoadMore list={list} />
    </Stack>
  );
}
