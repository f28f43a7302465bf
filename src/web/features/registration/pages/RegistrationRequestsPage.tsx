import { Anchor, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { fullName, isStaff, useSession } from '../../../lib/session.ts';
import { useDateTime } from '../../../lib/useFormat.ts';
import { REGISTRATION_STATES, useRegistrationRequests, type RegistrationState } from '../api/registration.ts';
import { StateBadge } from '../components/StateBadge.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

const asState = (value: string | null): RegistrationState | undefined => REGISTRATION_STATES.find((state) => state === value);

/**
 * "Registration Requests": every request of the viewer's account (of every account for vendor
 * administrators), newest first, with who decided and when; the state filter is kept in the address.
 */
export function RegistrationRequestsPage() {
  const { t } = useTranslation();
  const formatDateTime = useDateTime();
  const vendor = isStaff(useSession().data?.person);
  const [params, setParams] = useSearchParams();
  const state = asState(params.get('state'));
  const list = useRegistrationRequests(state);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const filter = (value: string) => setParams(asState(value) ? { state: value } : {}, { replace: true });

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('registration.list.title')}</PageHeading>
        <Text>{vendor ? t('registration.list.introVendor') : t('registration.list.intro')}</Text>
      </div>
      <NativeSelect
        label={t('registration.list.stateFilter')}
        value={state ?? ''}
        onChange={(event) => filter(event.currentTarget.value)}
        data={[{ value: '', label: t('registration.list.allStates') }, ...REGISTRATION_STATES.map((value) => ({ value, label: t(`registration.states.${value}`) }))]}
        maw={280}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text>{state ? t('registration.list.emptyInState') : t('registration.list.empty')}</Text>
      ) : (
        <ResponsiveTable minWidth={vendor ? 960 : 840} striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('registration.list.number')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.name')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.email')}</Table.Th>
                {vendor && <Table.Th scope="col">{t('registration.list.account')}</Table.Th>}
                <Table.Th scope="col">{t('registration.list.state')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.created')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.decidedBy')}</Table.Th>
                <Table.Th scope="col">{t('registration.list.decidedAt')}</Table.Th>
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
                  <Table.Td>{fullName(item)}</Table.Td>
                  <Table.Td>{item.email}</Table.Td>
                  {vendor && <Table.Td>{item.accountName}</Table.Td>}
                  <Table.Td>
                    <StateBadge state={item.state} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
                  <Table.Td>{item.decidedBy ?? t('registration.list.notDecided')}</Table.Td>
                  <Table.Td>{item.decidedAt === null ? t('registration.list.notDecided') : formatDateTime(item.decidedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          {t('registration.list.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
