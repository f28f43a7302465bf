import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { AuditEvent } from '../api/audit.ts';
import { useAuditTypeLabel } from './AuditFilterForm.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

type PersonRef = NonNullable<AuditEvent['person']>;

/** Details whose values are codes (a method, a role, yes or no), shown as words; the others are names and numbers, shown as recorded. */
const ENUM_DETAILS = new Set(['method', 'kind', 'role', 'roles', 'known', 'pairing', 'current', 'ceremony', 'allowed', 'tightened', 'by', 'singleSignOn']);

/** Where the label of each field a "Fields changed" names is: on the form the change was made in. */
const FIELD_LABELS: Record<string, (field: string) => string> = {
  'profile.updated': (field) => `registration.form.${field}`,
  'settings.contact_changed': (field) => `admin.settings.${field}`,
  'settings.terms_changed': (field) => `admin.settings.terms${field.charAt(0).toUpperCase()}${field.slice(1)}`,
};

function Who({ person }: { person: PersonRef }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{person.name || person.email}</Text>
      {person.name && (
        <Text size="xs" c="dimmed">
          {person.email}
        </Text>
      )}
    </Stack>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const label = useAuditTypeLabel();
  // The one who acted: another person (an approver, an administrator), else the person concerned.
  const actor = event.actor ?? event.person;
  const about = event.actor && event.person && event.actor.email !== event.person.email ? event.person : null;
  const addressNamed = event.email && event.email !== actor?.email && event.email !== about?.email ? event.email : null;
  // The account is its own column; the rest is labelled in the viewer's language.
  const details = Object.entries(event.detail).filter(([key, value]) => value !== '' && key !== 'accountId');
  const fieldLabel = FIELD_LABELS[event.type];
  const detailValue = (key: string, value: string) => {
    if (key === 'fields' && fieldLabel) return value.split(', ').map((field) => t(fieldLabel(field), { defaultValue: field })).join(', ');
    if (ENUM_DETAILS.has(key)) return value.split(', ').map((part) => t(`admin.audit.values.${part}`, { defaultValue: part })).join(', ');
    return value;
  };

  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={new Date(event.at).toISOString()}>{when(event.at)}</time>
      </Table.Td>
      <Table.Td>{actor ? <Who person={actor} /> : <Text size="sm">{event.email ?? t('admin.audit.nobody')}</Text>}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {label(event.type)}
          </Text>
          {about && <Text size="xs">{t('admin.audit.about', { name: about.name || about.email, email: about.email })}</Text>}
          {addressNamed && actor && <Text size="xs">{t('admin.audit.addressNamed', { email: addressNamed })}</Text>}
          {details.map(([key, value]) => (
            <Text key={key} size="xs" c="dimmed">
              {t(`admin.audit.detail.${key}`, { defaultValue: key })}: {detailValue(key, value)}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        {event.account ? (
          <Stack gap={0}>
            <Text size="sm">{event.account.name}</Text>
            <Text size="xs" c="dimmed">
              {event.account.customerIdentifier}
            </Text>
          </Stack>
        ) : (
          <Text size="sm">{t('admin.audit.noAccount')}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {event.ip ?? t('admin.audit.noAddress')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** One row per event: when (the viewer's time zone), who, what, account and client address. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable minWidth={800} striped verticalSpacing="sm">
        <Table.Caption>{t('admin.audit.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('admin.audit.when')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.who')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.what')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.accountColumn')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.address')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <AuditRow key={event.id} event={event} />
          ))}
        </Table.Tbody>
      </ResponsiveTable>
  );
}
