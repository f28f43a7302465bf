import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.ts';
import { useRegistrationRequests } from '../api/registration.ts';
import { StateBadge } from '../components/StateBadge.tsx';

/** "Registration Requests": every request the viewer may review, newest first, page by page. */
export function RegistrationRequestsPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useSession().data?.person?.timeZone;
  const list = useRegistrationRequests();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('registration.list.title')}</PageHeading>
        <Text>{t('registration.list.intro')}</Text>
      </div>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text>{t('registration.list.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('registration.list.number')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.name')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.email')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.state')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.created')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.decidedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.number}>
                  <Table.Td>
                    <Anchor component={Link} to={`/registration-requests/${item.number}`}>
                      {item.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{`${item.firstName} ${item.lastName}`}</Table.Td>
                  <Table.Td>{item.email}</Table.Td>
                  <Table.Td>
                    <StateBadge state={item.state} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.createdAt, i18n.language, timeZone)}</Table.Td>
                  <Table.Td>{item.decidedBy ?? t('registration.list.notDecided')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          {t('registration.list.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
