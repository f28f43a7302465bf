import { Alert, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useSaveSla, type SlaSettings } from '../api/sla.ts';

type Day = { open: boolean; start: string; end: string };
type Values = {
  targets: Array<{ firstResponse: number | string; resolution: number | string }>;
  timeZone: string;
  days: Day[];
  japaneseHolidays: boolean;
  closedDates: string;
};

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** The priorities' names as the cases feature words them (1 - Critical …). */
const PRIORITY_KEYS = ['critical', 'high', 'moderate', 'low'] as const;

const toValues = (sla: SlaSettings): Values => ({
  targets: sla.targets.map((t) => ({ firstResponse: t.firstResponseMinutes ?? '', resolution: t.resolutionMinutes ?? '' })),
  timeZone: sla.calendar.timeZone,
  days: sla.calendar.hours.map((day) => (day ? { open: true, ...day } : { open: false, start: '09:00', end: '18:00' })),
  japaneseHolidays: sla.calendar.japaneseHolidays,
  closedDates: sla.calendar.closedDates.join('\n'),
});

const minutes = (value: number | string) => (value === '' ? null : Number(value));

/**
 * The service targets per priority, in business minutes, and the business calendar they count in:
 * working hours per weekday (an end before the start runs past midnight), time zone, Japanese
 * holidays and the vendor's own closing days. The server checks every value and says what is wrong.
 */
export function SlaForm({ sla }: { sla: SlaSettings }) {
  const { t } = useTranslation();
  const save = useSaveSla();
  const [recomputed, setRecomputed] = useState<number | null>(null);
  const form = useForm<Values>({ initialValues: toValues(sla), onValuesChange: () => setRecomputed(null) });
  const { formError, showError, clearError } = useSubmitErrors(form);

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const result = await save.mutateAsync({
        targets: values.targets.map((target, index) => ({ priority: index + 1, firstResponseMinutes: minutes(target.firstResponse), resolutionMinutes: minutes(target.resolution) })),
        calendar: {
          timeZone: values.timeZone,
          hours: values.days.map((day) => (day.open ? { start: day.start, end: day.end } : null)),
          japaneseHolidays: values.japaneseHolidays,
          closedDates: values.closedDates.split(/\s+/).filter(Boolean),
        },
      });
      form.setValues(toValues(result));
      form.resetDirty();
      setRecomputed(result.recomputed);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Caption className="visually-hidden">{t('admin.sla.targetsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.sla.priority')}</Table.Th>
                <Table.Th scope="col">{t('admin.sla.firstResponse')}</Table.Th>
                <Table.Th scope="col">{t('admin.sla.resolution')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.values.targets.map((_, index) => (
                <Table.Tr key={index}>
                  <Table.Th scope="row">{t(`cases.priorities.${PRIORITY_KEYS[index]!}`)}</Table.Th>
                  <Table.Td>
                    <NumberInput aria-label={t('admin.sla.firstResponseOf', { priority: t(`cases.priorities.${PRIORITY_KEYS[index]!}`) })} min={1} allowDecimal={false} allowNegative={false} clampBehavior="none" {...form.getInputProps(`targets.${index}.firstResponse`)} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput aria-label={t('admin.sla.resolutionOf', { priority: t(`cases.priorities.${PRIORITY_KEYS[index]!}`) })} min={1} allowDecimal={false} allowNegative={false} clampBehavior="none" {...form.getInputProps(`targets.${index}.resolution`)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm">{t('admin.sla.minutesHint')}</Text>

        <Title order={3} size="h4">
          {t('admin.sla.calendarHeading')}
        </Title>
        <TimeZoneSelect label={t('admin.sla.timeZone')} w={{ base: '100%', sm: 360 }} {...form.getInputProps('timeZone')} />
        <Stack gap="xs" role="group" aria-label={t('admin.sla.hours')}>
          <Text size="sm" fw={500}>
            {t('admin.sla.hours')}
          </Text>
          <Text size="sm">{t('admin.sla.hoursHint')}</Text>
          {form.values.days.map((day, index) => (
            <Group key={WEEKDAYS[index]} gap="sm" align="flex-end" wrap="wrap">
              <Checkbox w={140} label={t(`admin.sla.days.${WEEKDAYS[index]!}`)} {...form.getInputProps(`days.${index}.open`, { type: 'checkbox' })} />
              <TextInput type="time" disabled={!day.open} aria-label={t('admin.sla.opens', { day: t(`admin.sla.days.${WEEKDAYS[index]!}`) })} w={130} {...form.getInputProps(`days.${index}.start`)} />
              <TextInput type="time" disabled={!day.open} aria-label={t('admin.sla.closes', { day: t(`admin.sla.days.${WEEKDAYS[index]!}`) })} w={130} {...form.getInputProps(`days.${index}.end`)} />
            </Group>
          ))}
        </Stack>
        <Checkbox label={t('admin.sla.japaneseHolidays')} {...form.getInputProps('japaneseHolidays', { type: 'checkbox' })} />
        <GrowingTextarea label={t('admin.sla.closedDates')} description={t('admin.sla.closedDatesHint')} minRows={3} w={{ base: '100%', sm: 360 }} {...form.getInputProps('closedDates')} />
        <FormError message={formError} />
        {recomputed !== null && (
          <Alert color="green" variant="light" role="status">
            {t('admin.sla.saved', { count: recomputed })}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.sla.save')}
        </Button>
      </Stack>
    </form>
  );
}
