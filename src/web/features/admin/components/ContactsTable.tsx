import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { AccountContact } from '../api/accounts.ts';
import { fullName } from '../../../lib/session.ts';
import { FactorCompliance } from '../../../components/FactorCompliance.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** The contacts of an account: who they are, their roles, whether they may log in, when they last did, whether they meet the second-factor rule. */
export function ContactsTable({ contacts }: { contacts: AccountContact[] }) {
  const { t } = useTranslation();
  const formatTime = useDateTime();
  return (
    <ResponsiveTable minWidth={880} striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('admin.contacts.name')}</Table.Th>
            <Table.Th scope="col">{t('admin.contacts.email')}</Table.Th>
            <Table.Th scope="col">{t('admin.contacts.roles')}</Table.Th>
            <Table.Th scope="col">{t('admin.contacts.state')}</Table.Th>
            <Table.Th scope="col">{t('admin.contacts.lastLogin')}</Table.Th>
            <Table.Th scope="col">{t('factorPolicy.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr key={contact.id}>
              <Table.Th scope="row" fw={500}>{fullName(contact)}</Table.Th>
              <Table.Td>{contact.email}</Table.Td>
              <Table.Td>
                {contact.roles.length === 0 ? (
                  <Text size="sm">{t('admin.contacts.noRole')}</Text>
                ) : (
                  <Group gap={4}>
                    {contact.roles.map((role) => (
                      <Badge key={role} color="blue.8" variant="filled" tt="none" radius="sm">
                        {t(`admin.contacts.role.${role}`)}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={contact.active ? 'teal.9' : 'gray.7'} variant="filled" tt="none" radius="sm">
                  {contact.active ? t('admin.active') : t('admin.deactivated')}
                </Badge>
              </Table.Td>
              <Table.Td>{contact.lastLoginAt ? formatTime(contact.lastLoginAt) : t('admin.neverLoggedIn')}</Table.Td>
              <Table.Td>
                <FactorCompliance factors={contact.secondFactor} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ResponsiveTable>
  );
}
