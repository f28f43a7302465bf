import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { fullName, SESSION_KEY, useSession } from '../../../lib/session.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useRecentSignIn, type Guard } from '../../../components/ConfirmIdentity.tsx';
import { SecondFactorPolicyForm } from '../../../components/SecondFactorPolicyForm.tsx';
import type { SecondFactorPolicy } from '../../../../shared/second-factor-policies.ts';
import { useContacts, useSetSecondFactorPolicy, type Contact, type ContactChange } from '../api/contacts.ts';
import { ContactRow } from '../components/ContactRow.tsx';
import { SingleSignOnSection } from '../components/SingleSignOnSection.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

type Notice = { key: 'deactivated' | 'reactivated' | 'granted' | 'revoked'; name: string; role?: string } | { error: unknown };

/**
 * "Contacts": the account administrator's list of the account's contacts, their roles and whether
 * they may log in; above it how everyone signs in (the second-factor rule, and single sign-on where
 * the vendor allows it), whose changes may first ask "Confirm it's you".
 */
export function ContactsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useContacts();
  const session = useSession();
  const { guard, dialog } = useRecentSignIn(session.data?.person?.otpMethod ?? 'email', t('account.confirm.introAccount'));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState<{ name: string; deactivate: () => void } | null>(null);
  const pages = list.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);

  const roleName = (role: string) => (role === 'approver' ? t('contacts.roles.approver') : t('contacts.roles.account_admin'));

  const onChanged = (change: ContactChange, contact: Contact) => {
    const name = fullName(contact);
    if (change.kind === 'grant' || change.kind === 'revoke') {
      setNotice({ key: change.kind === 'grant' ? 'granted' : 'revoked', name, role: roleName(change.role) });
      // The viewer's own roles decide their menu and pages.
      if (contact.isViewer) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    } else {
      setNotice({ key: change.kind === 'deactivate' ? 'deactivated' : 'reactivated', name });
    }
  };

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('contacts.title')}</PageHeading>
        <Text>{pages[0] ? t('contacts.intro', { account: pages[0].account.name }) : t('contacts.introPlain')}</Text>
      </div>
      {pages[0] && <PolicySection accountId={pages[0].account.id} policy={pages[0].account.secondFactorPolicy} guard={guard} />}
      {pages[0]?.account.ssoSelfService && <SingleSignOnSection accountId={pages[0].account.id} guard={guard} />}
      {dialog}
      {notice && 'error' in notice && <ErrorAlert error={notice.error} />}
      {notice && 'key' in notice && (
        <Alert color="green" variant="light" role="status">
          {t(`contacts.notices.${notice.key}`, { name: notice.name, role: notice.role ?? '' })}
        </Alert>
      )}
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveTable minWidth={1120} striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contacts.columns.name')}</Table.Th>
                <Table.Th scope="col">{t('contacts.columns.email')}</Table.Th>
                <Table.Th scope="col">{t('contacts.roles.approver')}</Table.Th>
                <Table.Th scope="col">{t('contacts.roles.account_admin')}</Table.Th>
                <Table.Th scope="col">{t('contacts.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('contacts.columns.lastLogin')}</Table.Th>
                <Table.Th scope="col">{t('factorPolicy.column')}</Table.Th>
                <Table.Th scope="col">{t('contacts.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((contact) => (
                <ContactRow
                  key={contact.id}
                  contact={contact}
                  onChanged={onChanged}
                  onFailed={(error) => setNotice({ error })}
                  onAskToDeactivate={(name, deactivate) => setConfirming({ name, deactivate })}
                />
              ))}
            </Table.Tbody>
          </ResponsiveTable>
      )}
      <ConfirmDialog
        title={t('contacts.deactivateTitle', { name: confirming?.name ?? '' })}
        text={t('contacts.deactivateText', { name: confirming?.name ?? '' })}
        confirmLabel={t('contacts.deactivate')}
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          confirming?.deactivate();
          setConfirming(null);
        }}
      />
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          {t('contacts.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

/** The account's second-factor rule, which the list below measures each contact against. */
function PolicySection({ accountId, policy, guard }: { accountId: number; policy: SecondFactorPolicy; guard: Guard }) {
  const { t } = useTranslation();
  const setPolicy = useSetSecondFactorPolicy(accountId);
  return (
    <section aria-labelledby="factor-policy-heading">
      <Title order={2} size="h3" id="factor-policy-heading" mb="sm">
        {t('factorPolicy.heading')}
      </Title>
      <SecondFactorPolicyForm policy={policy} save={(chosen) => guard(() => setPolicy.mutateAsync(chosen))} saving={setPolicy.isPending} />
    </section>
  );
}
