import { Anchor, Badge, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useAllRegistrations, type RegistrationState } from '../api/registrations.ts';
import { LoadMore } from '../components/LoadMore.tsx';

const STATES: RegistrationState[] = ['requested', 'approved', 'rejected'];
// Shade 9 keeps white text above 4.5:1 contrast.
const colors: Record<RegistrationState, string> = { requested: 'blue.8', approved: 'teal.9', rejected: 'red.9' };

/**
 * Registration requests of every account, newest first. Each opens the request page, where a vendor
 * administrator may decide it, also for an account that has no approver.
 */
export function AllRegistrationsPage() {
  const { t } = useTranslation();
  const formatTime = useDateTime();
  const [state, setState] = useState<RegistrationState | null>(null);
  const list = useAllRegistrations(state);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.registrations.title')}</PageHeading>
        <Text>{t('admin.registrations.intro')}</Text>
      </div>
      <Select
        label={t('admin.registrations.stateFilter')}
        data={[{ value: 'all', label: t('admin.registrations.allStates') }, ...STATES.map((value) => ({ value, label: t(`admin.registrations.states.${value}`) }))]}
        value={state ?? 'all'}
        onChange={(value) => setState(value && value !== 'all' ? (value as RegistrationState) : null)}
        allowDeselect={false}
        style={{ maxWidth: 280 }}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text role="status">{t('admin.registrations.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.registrations.number')}</Table.Th>
                <Table.Th scope="col">{t('admin.registrations.account')}</Table.Th>
                <Table.Th scope="col">{t('admin.registrations.applicant')}</Table.Th>
                <Table.Th scope="col">{t('admin.registrations.email')}</Table.Th>
                <Table.Th scope="col">{t('admin.registrations.state')}</Table.Th>
                <Table.Th scope="col">{t('admin.registrations.submitted')}</Table.Th>
                <Table.Th scope="col">{t('admin.registrations.decidedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.number}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/registration-requests/${item.number}`}>
                      {item.number}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/accounts/${item.accountId}`}>
                      {item.accountName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{`${item.firstName} ${item.lastName}`}</Table.Td>
                  <Table.Td>{item.email}</Table.Td>
                  <Table.Td>
                    <Badge color={colors[item.state]} variant="filled" tt="none" radius="sm">
                      {t(`admin.registrations.states.${item.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatTime(item.createdAt)}</Table.Td>
                  <Table.Td>{item.decidedBy ?? t('admin.registrations.notDecided')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore list={list} />
    </Stack>
  );
}
