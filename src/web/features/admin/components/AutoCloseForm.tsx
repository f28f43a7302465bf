import { Alert, Button, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useSaveAutoClose, type AdminSettings } from '../api/settings.ts';

type Unit = 'days' | 'hours';
const HOURS_PER: Record<Unit, number> = { days: 24, hours: 1 };
const MAX: Record<Unit, number> = { days: 365, hours: 365 * 24 };

type Values = { amount: number | string; unit: Unit };

/** A stored wait shown in days when it is whole days, as AUTO_CLOSE_DAYS is; otherwise in hours. */
const asWait = (hours: number | null): Values =>
  hours === null ? { amount: '', unit: 'days' } : hours % 24 === 0 ? { amount: hours / 24, unit: 'days' } : { amount: hours, unit: 'hours' };

const amount = (value: number | string, values: Values) =>
  value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= MAX[values.unit]) ? null : <Msg k="admin.settings.autoCloseInvalid" />;

/** How long a Resolved case waits for the contact's answer, in days or (for a trial) hours; empty means the installation's default. */
export function AutoCloseForm({ autoClose }: { autoClose: AdminSettings['autoClose'] }) {
  const { t } = useTranslation();
  const save = useSaveAutoClose();
  const [saved, setSaved] = useState<Values | null>(null);
  const form = useForm<Values>({ initialValues: asWait(autoClose.hours), validate: { amount }, onValuesChange: () => setSaved(null) });
  const { formError, showError, clearError } = useSubmitErrors(form, { amount: 'admin.settings.autoCloseInvalid' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const result = await save.mutateAsync({ hours: values.amount === '' ? null : Number(values.amount) * HOURS_PER[values.unit] });
      form.resetDirty();
      setSaved(asWait(result.autoClose.effectiveHours));
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NumberInput
            label={t('admin.settings.autoCloseAmount')}
            description={t('admin.settings.autoCloseHint', { days: autoClose.defaultDays })}
            min={1}
            max={MAX[form.values.unit]}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            w={{ base: '100%', xs: 320 }}
            {...form.getInputProps('amount')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="auto-close-unit">
              {t('admin.settings.autoCloseUnit')}
            </Text>
            <SegmentedControl
              aria-labelledby="auto-close-unit"
              data={[
                { value: 'days', label: t('admin.settings.autoCloseUnitDays') },
                { value: 'hours', label: t('admin.settings.autoCloseUnitHours') },
              ]}
              {...form.getInputProps('unit')}
            />
          </Stack>
        </Group>
        <FormError message={formError} />
        {saved !== null && (
          <Alert color="green" variant="light" role="status">
            {t(saved.unit === 'days' ? 'admin.settings.autoCloseSavedDays' : 'admin.settings.autoCloseSavedHours', { count: Number(saved.amount) })}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.settings.saveAutoClose')}
        </Button>
      </Stack>
    </form>
  );
}
