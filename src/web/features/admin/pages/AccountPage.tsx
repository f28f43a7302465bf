import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { SecondFactorPolicyForm } from '../../../components/SecondFactorPolicyForm.tsx';
import { useAccountContacts, useAdminAccount, useSetSecondFactorPolicy } from '../api/accounts.ts';
import { ContactsTable } from '../components/ContactsTable.tsx';
import { AccountSsoSection } from '../components/AccountSsoSection.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { RenameAccountForm } from '../components/RenameAccountForm.tsx';

/** One account: its Customer Identifier, its name (renamed here), its second-factor rule, its single sign-on provider and its contacts. */
export function AccountPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const account = useAdminAccount(id);
  const contacts = useAccountContacts(id);
  const setPolicy = useSetSecondFactorPolicy(id);
  const formatTime = useDateTime();
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];

  if (account.isPending) return <PageLoader />;
  if (account.isError) {
    return (
      <Stack gap="md">
        <PageHeading>{t('admin.accounts.accountTitle')}</PageHeading>
        <ErrorAlert error={account.error} onRetry={() => void account.refetch()} />
        <Anchor component={Link} to="/admin/accounts">
          {t('admin.accounts.back')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{account.data.name}</PageHeading>
        <DetailsTable
          rows={[
            { label: t('admin.accounts.identifier'), value: <Text ff="monospace">{account.data.customerIdentifier}</Text> },
            { label: t('admin.accounts.createdColumn'), value: formatTime(account.data.createdAt) },
          ]}
        />
      </div>
      <section aria-labelledby="rename-heading">
        <Title order={2} size="h3" id="rename-heading" mb="sm">
          {t('admin.accounts.renameHeading')}
        </Title>
        <RenameAccountForm key={account.data.id} account={account.data} />
      </section>
      <section aria-labelledby="factor-policy-heading">
        <Title order={2} size="h3" id="factor-policy-heading" mb="sm">
          {t('factorPolicy.heading')}
        </Title>
        <SecondFactorPolicyForm policy={account.data.secondFactorPolicy} save={setPolicy.mutateAsync} saving={setPolicy.isPending} />
      </section>
      <section aria-labelledby="sso-heading">
        <Title order={2} size="h3" id="sso-heading" mb="sm">
          {t('sso.admin.heading')}
        </Title>
        <AccountSsoSection account={account.data} />
      </section>
      <section aria-labelledby="contacts-heading">
        <Title order={2} size="h3" id="contacts-heading" mb="sm">
          {t('admin.contacts.title')}
        </Title>
        <Stack gap="md">
          {contacts.isPending ? (
            <PageLoader />
          ) : contacts.isError ? (
            <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} />
          ) : items.length === 0 ? (
            <Text>{t('admin.contacts.empty')}</Text>
          ) : (
            <ContactsTable contacts={items} />
          )}
          <LoadMore list={contacts} />
        </Stack>
      </section>
    </Stack>
  );
}
