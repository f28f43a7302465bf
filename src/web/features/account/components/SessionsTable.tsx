import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useSignOutSession, type ActiveSession } from '../api/account.ts';
import { describeUserAgent } from '../userAgent.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** The person's signed-in browsers; "Sign out" ends one, and ending this browser's leaves for the home page. */
export function SessionsTable({ sessions }: { sessions: ActiveSession[] }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTime();
  const signOut = useSignOutSession();
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const end = async (session: ActiveSession) => {
    setError(null);
    setPendingId(session.id);
    try {
      const result = await signOut.mutateAsync(session.id);
      if (result.current) {
        // A fresh load of the public home page: navigating inside the app raced the session
        // query, and this protected page, seeing the session gone, sent the person to /login.
        window.location.assign('/');
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setPendingId(null);
    }
  };

  const device = (userAgent: string) => {
    const { browser, system } = describeUserAgent(userAgent);
    if (browser && system) return t('account.sessions.browserOn', { browser, system });
    return browser ?? system ?? t('account.sessions.unknownDevice');
  };

  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable minWidth={640} striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('account.sessions.device')}</Table.Th>
              <Table.Th scope="col">{t('account.sessions.ip')}</Table.Th>
              <Table.Th scope="col">{t('account.sessions.signedIn')}</Table.Th>
              <Table.Th scope="col">{t('account.sessions.lastActive')}</Table.Th>
              <Table.Th scope="col">{t('account.sessions.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Th scope="row" fw="normal">
                  <Group gap="xs">
                    <Text span title={session.userAgent || undefined}>
                      {device(session.userAgent)}
                    </Text>
                    {session.current && (
                      <Badge variant="light" color="blue">
                        {t('account.sessions.thisBrowser')}
                      </Badge>
                    )}
                  </Group>
                </Table.Th>
                <Table.Td>{session.ip}</Table.Td>
                <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>
                  <Button variant="default" size="xs" loading={pendingId === session.id} onClick={() => void end(session)}>
                    {t('account.sessions.signOut')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
    </>
  );
}
