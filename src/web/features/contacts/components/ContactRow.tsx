import { Badge, Button, Group, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../lib/useFormat.ts';
import { FactorCompliance } from '../../../components/FactorCompliance.tsx';
import { useChangeContact, type Contact, type ContactChange, type ContactRole, type ListedContact } from '../api/contacts.ts';
import { fullName } from '../../../lib/session.ts';

type Props = {
  contact: ListedContact;
  /** What was done, for the page's notice; `contact` is the contact as it is now. */
  onChanged: (change: ContactChange, contact: Contact) => void;
  onFailed: (error: unknown) => void;
  /** Deactivating is confirmed first, in a dialog the page holds outside the scrolling table. */
  onAskToDeactivate: (name: string, deactivate: () => void) => void;
};

/** One contact: a switch per role, whether they may log in, their last login, whether they meet the second-factor rule, and Deactivate / Reactivate. */
export function ContactRow({ contact, onChanged, onFailed, onAskToDeactivate }: Props) {
  const { t } = useTranslation();
  const formatDateTime = useDateTime();
  const change = useChangeContact(contact.id);
  const name = fullName(contact);

  const apply = (next: ContactChange) =>
    change.mutate(next, {
      onSuccess: (updated) => onChanged(next, updated),
      onError: onFailed,
    });

  // While the server answers, the switch shows the state asked for; a refusal turns it back.
  const pendingRole = change.isPending && change.variables && 'role' in change.variables ? change.variables : null;
  const holds = (role: ContactRole) => (pendingRole?.role === role ? pendingRole.kind === 'grant' : contact.roles.includes(role));

  const roleSwitch = (role: ContactRole, labelKey: 'contacts.approverSwitch' | 'contacts.adminSwitch') => (
    <Switch
      // A label element (hidden: the column names the role) lets a click anywhere on the switch reach its input.
      label={<VisuallyHidden>{t(labelKey, { name })}</VisuallyHidden>}
      checked={holds(role)}
      disabled={change.isPending}
      onChange={(event) => apply({ kind: event.currentTarget.checked ? 'grant' : 'revoke', role })}
    />
  );

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Group gap="xs" wrap="nowrap">
          <Text span inherit>
            {name}
          </Text>
          {contact.isViewer && (
            <Badge variant="light" color="blue" tt="none">
              {t('contacts.you')}
            </Badge>
          )}
        </Group>
      </Table.Th>
      <Table.Td>{contact.email}</Table.Td>
      <Table.Td>{roleSwitch('approver', 'contacts.approverSwitch')}</Table.Td>
      <Table.Td>{roleSwitch('account_admin', 'contacts.adminSwitch')}</Table.Td>
      <Table.Td>
        <Badge color={contact.active ? 'teal.9' : 'gray.7'} variant="filled" tt="none" radius="sm">
          {contact.active ? t('contacts.active') : t('contacts.deactivated')}
        </Badge>
      </Table.Td>
      <Table.Td>{contact.lastLoginAt === null ? t('contacts.neverLoggedIn') : formatDateTime(contact.lastLoginAt)}</Table.Td>
      <Table.Td>
        <FactorCompliance factors={contact.secondFactor} />
      </Table.Td>
      <Table.Td>
        {contact.active ? (
          !contact.isViewer && (
            <Button variant="default" size="xs" color="red.9" loading={change.isPending && change.variables?.kind === 'deactivate'} disabled={change.isPending} onClick={() => onAskToDeactivate(name, () => apply({ kind: 'deactivate' }))}>
              {t('contacts.deactivate')}
            </Button>
          )
        ) : (
          <Button variant="default" size="xs" loading={change.isPending && change.variables?.kind === 'reactivate'} disabled={change.isPending} onClick={() => apply({ kind: 'reactivate' })}>
            {t('contacts.reactivate')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
