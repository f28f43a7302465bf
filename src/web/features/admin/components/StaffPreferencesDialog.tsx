import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { fullName } from '../../../lib/session.ts';
import * as rules from '../../../lib/validation.tsx';
import { useUpdateStaffPreferences, type StaffMember, type StaffPreferences } from '../api/staff.ts';
import { StaffLanguageRadios } from './StaffLanguageRadios.tsx';

const HINTS: Record<string, string> = { language: 'validation.choose', timeZone: 'validation.choose' };

/**
 * "Language and time zone" of one staff member, for an administrator setting up a desk abroad: what
 * the person could change under My Account, done for them (a Japanese desk reads 2026/12/06 11:41 JST).
 */
export function StaffPreferencesDialog({ member, onClose }: { member: StaffMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    // In place, beside the table, as ConfirmDialog is: inside <main>, never inside the table.
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={member ? t('admin.staff.preferencesTitle', { name: fullName(member) }) : ''}
      centered
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {member && <PreferencesForm key={member.id} member={member} onDone={onClose} />}
    </Modal>
  );
}

function PreferencesForm({ member, onDone }: { member: StaffMember; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateStaffPreferences();
  const form = useForm<{ language: StaffPreferences['language']; timeZone: string | null }>({
    initialValues: { language: member.language, timeZone: member.timeZone },
    validate: { timeZone: rules.chosen },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, HINTS);

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      await update.mutateAsync({ id: member.id, language: values.language, timeZone: values.timeZone ?? '' });
      onDone();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <StaffLanguageRadios {...form.getInputProps('language')} />
        <TimeZoneSelect label={t('admin.staff.timeZone')} description={t('admin.staff.preferencesZoneHint')} {...form.getInputProps('timeZone')} />
        <FormError message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('admin.staff.savePreferences')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
