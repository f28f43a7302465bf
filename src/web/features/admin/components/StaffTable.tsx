import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorText } from '../../../lib/errors.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useSetStaffActive, type StaffMember } from '../api/staff.ts';
import { fullName } from '../../../lib/session.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { StaffPreferencesDialog } from './StaffPreferencesDialog.tsx';

/**
 * Agents and administrators; anyone's language and time zone can be changed; anyone but oneself can
 * be deactivated (their sessions end at once, so it is confirmed first) and reactivated.
 */
export function StaffTable({ staff, viewerId }: { staff: StaffMember[]; viewerId: number | undefined }) {
  const { t } = useTranslation();
  const formatTime = useDateTime();
  // As on Contacts: each row keeps its own request (its spinner, its error); the table holds the one dialog.
  const [confirming, setConfirming] = useState<{ name: string; deactivate: () => void } | null>(null);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  return (
    <>
      <ResponsiveTable minWidth={860} striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.staff.nameColumn')}</Table.Th>
              <Table.Th scope="col">{t('admin.staff.email')}</Table.Th>
              <Table.Th scope="col">{t('admin.staff.role')}</Table.Th>
              <Table.Th scope="col">{t('admin.staff.otpMethod')}</Table.Th>
              <Table.Th scope="col">{t('admin.staff.languageAndZone')}</Table.Th>
              <Table.Th scope="col">{t('admin.contacts.state')}</Table.Th>
              <Table.Th scope="col">{t('admin.contacts.lastLogin')}</Table.Th>
              <Table.Th scope="col">{t('admin.staff.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((member) => (
              <StaffRow
                key={member.id}
                member={member}
                isViewer={member.id === viewerId}
                formatTime={formatTime}
                onEdit={() => setEditing(member)}
                onAskToDeactivate={(name, deactivate) => setConfirming({ name, deactivate })}
              />
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      <StaffPreferencesDialog member={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        title={t('admin.staff.deactivateTitle', { name: confirming?.name ?? '' })}
        text={t('admin.staff.deactivateText', { name: confirming?.name ?? '' })}
        confirmLabel={t('admin.staff.deactivate')}
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          confirming?.deactivate();
          setConfirming(null);
        }}
      />
    </>
  );
}

type RowProps = {
  member: StaffMember;
  isViewer: boolean;
  formatTime: (ms: number) => string;
  onEdit: () => void;
  onAskToDeactivate: (name: string, deactivate: () => void) => void;
};

function StaffRow({ member, isViewer, formatTime, onEdit, onAskToDeactivate }: RowProps) {
  const { t } = useTranslation();
  const setActive = useSetStaffActive();
  const name = fullName(member);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {name}
      </Table.Th>
      <Table.Td>{member.email}</Table.Td>
      <Table.Td>{t(`admin.staff.roles.${member.role}`)}</Table.Td>
      <Table.Td>{t(`admin.staff.otpMethods.${member.otpMethod}`)}</Table.Td>
      <Table.Td>
        {t(`languages.${member.language}`)} · {member.timeZone}
      </Table.Td>
      <Table.Td>
        <Badge color={member.active ? 'teal.9' : 'gray.7'} variant="filled" tt="none" radius="sm">
          {member.active ? t('admin.active') : t('admin.deactivated')}
        </Badge>
      </Table.Td>
      <Table.Td>{member.lastLoginAt ? formatTime(member.lastLoginAt) : t('admin.neverLoggedIn')}</Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Button variant="default" size="xs" aria-label={t('admin.staff.changePreferencesName', { name })} onClick={onEdit}>
            {t('admin.staff.changePreferences')}
          </Button>
          {isViewer ? (
            <Text size="sm">{t('admin.staff.you')}</Text>
          ) : (
            <Button
              variant="default"
              size="xs"
              loading={setActive.isPending}
              aria-label={member.active ? t('admin.staff.deactivateName', { name }) : t('admin.staff.reactivateName', { name })}
              onClick={() => (member.active ? onAskToDeactivate(name, () => setActive.mutate({ id: member.id, active: false })) : setActive.mutate({ id: member.id, active: true }))}
            >
              {member.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
            </Button>
          )}
        </Group>
        {setActive.isError && (
          <Text size="sm" c="red.9" role="alert" mt={4}>
            <ErrorText error={setActive.error} />
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
