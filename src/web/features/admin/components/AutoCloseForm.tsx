import { Alert, Button, NumberInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useSaveAutoClose, type AdminSettings } from '../api/settings.ts';

const MIN = 1;
const MAX = 365;

const days = (value: number | string) =>
  value === '' || (Number.isInteger(Number(value)) && Number(value) >= MIN && Number(value) <= MAX) ? null : <Msg k="admin.settings.autoCloseInvalid" values={{ min: MIN, max: MAX }} />;

/** How long a Resolved case waits for the contact's answer; empty means the installation's default. */
export function AutoCloseForm({ autoClose }: { autoClose: AdminSettings['autoClose'] }) {
  const { t } = useTranslation();
  const save = useSaveAutoClose();
  const [saved, setSaved] = useState<number | null>(null);
  const form = useForm<{ days: number | string }>({ initialValues: { days: autoClose.days ?? '' }, validate: { days }, onValuesChange: () => setSaved(null) });
  const { formError, showError, clearError } = useSubmitErrors(form, { days: 'admin.settings.autoCloseInvalid' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const result = await save.mutateAsync({ days: values.days === '' ? null : Number(values.days) });
      form.resetDirty();
      setSaved(result.autoClose.effectiveDays);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <NumberInput
          label={t('admin.settings.autoCloseDays')}
          description={t('admin.settings.autoCloseHint', { days: autoClose.defaultDays })}
          min={MIN}
          max={MAX}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          w={{ base: '100%', xs: 320 }}
          {...form.getInputProps('days')}
        />
        <FormError message={formError} />
        {saved !== null && (
          <Alert color="green" variant="light" role="status">
            {t('admin.settings.autoCloseSaved', { count: saved })}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.settings.saveAutoClose')}
        </Button>
      </Stack>
    </form>
  );
}
