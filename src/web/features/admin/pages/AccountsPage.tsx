import { Anchor, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useAdminAccounts } from '../api/accounts.ts';
import { CreateAccountForm } from '../components/CreateAccountForm.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** "Accounts": create a customer organisation, find one by name or Customer Identifier. */
export function AccountsPage() {
  const { t } = useTranslation();
  const formatTime = useDateTime();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const accounts = useAdminAccounts(q);
  const items = accounts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.accounts.title')}</PageHeading>
        <Text>{t('admin.accounts.intro')}</Text>
      </div>
      <section aria-labelledby="new-account-heading">
        <Title order={2} size="h3" id="new-account-heading" mb="sm">
          {t('admin.accounts.newHeading')}
        </Title>
        <CreateAccountForm />
      </section>
      <section aria-labelledby="accounts-heading">
        <Title order={2} size="h3" id="accounts-heading" mb="sm">
          {t('admin.accounts.listHeading')}
        </Title>
        <Stack gap="md">
          <TextInput
            type="search"
            label={t('admin.accounts.search')}
            description={t('admin.accounts.searchHint')}
            value={search}
            maxLength={200}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ maxWidth: 420 }}
          />
          {accounts.isPending ? (
            <PageLoader />
          ) : accounts.isError ? (
            <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
          ) : items.length === 0 ? (
            <Text role="status">{q ? t('admin.accounts.noMatch') : t('admin.accounts.empty')}</Text>
          ) : (
            <ResponsiveTable minWidth={720} striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.accounts.nameColumn')}</Table.Th>
                    <Table.Th scope="col">{t('admin.accounts.identifier')}</Table.Th>
                    <Table.Th scope="col">{t('factorPolicy.label')}</Table.Th>
                    <Table.Th scope="col">{t('admin.accounts.createdColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((account) => (
                    <Table.Tr key={account.id}>
                      <Table.Th scope="row" fw={500}>
                        <Anchor component={Link} to={`/admin/accounts/${account.id}`}>
                          {account.name}
                        </Anchor>
                      </Table.Th>
                      <Table.Td ff="monospace">{account.customerIdentifier}</Table.Td>
                      <Table.Td>{t(`factorPolicy.options.${account.secondFactorPolicy}`)}</Table.Td>
                      <Table.Td>{formatTime(account.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ResponsiveTable>
          )}
          <LoadMore list={accounts} />
        </Stack>
      </section>
    </Stack>
  );
}
