import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Msg, translateKey } from '../../../lib/errors.tsx';
import { EMAIL_PATTERN } from '../../../lib/forms.ts';
import * as rules from '../../../lib/validation.tsx';
import { useSession } from '../../../lib/session.ts';
import { useAuditTypes, type AuditFilters } from '../api/audit.ts';
import { startOfDay } from '../timeRange.ts';

type Values = { type: string | null; email: string; account: string; from: string; to: string };
const EMPTY: Values = { type: null, email: '', account: '', from: '', to: '' };

/** The label of an event type; a type this page has no words for yet shows as it is stored. */
export function useAuditTypeLabel() {
  const { t, i18n } = useTranslation();
  return (type: string) => {
    const key = `admin.audit.types.${type}`;
    return i18n.exists(key) ? translateKey(t, key) : type;
  };
}

/** Filters of the audit trail: event type, person, account and days in the viewer's time zone. */
export function AuditFilterForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const types = useAuditTypes();
  const label = useAuditTypeLabel();
  const timeZone = useSession().data?.person?.timeZone;
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: {
      email: (value) => (value.trim() && !EMAIL_PATTERN.test(value.trim()) ? <Msg k="validation.emailInvalid" /> : null),
      account: (value) => (value.trim() ? rules.customerIdentifier(value) : null),
      to: (value, values) => (value && values.from && value < values.from ? <Msg k="admin.audit.rangeInvalid" /> : null),
    },
  });

  const apply = form.onSubmit((values) =>
    onApply({
      type: values.type ?? undefined,
      email: values.email.trim() || undefined,
      account: values.account.trim() || undefined,
      from: startOfDay(values.from, timeZone),
      to: startOfDay(values.to, timeZone, true),
    }),
  );
  const clear = () => {
    form.setValues(EMPTY);
    onApply({});
  };

  return (
    <form onSubmit={apply} noValidate aria-label={t('admin.audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Select
          label={t('admin.audit.eventType')}
          placeholder={t('admin.audit.anyType')}
          data={(types.data?.items ?? []).map((type) => ({ value: type, label: label(type) }))}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          {...form.getInputProps('type')}
        />
        <TextInput label={t('admin.audit.person')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label={t('admin.audit.account')} autoComplete="off" {...form.getInputProps('account')} />
        <TextInput label={t('admin.audit.from')} type="date" {...form.getInputProps('from')} />
        <TextInput label={t('admin.audit.to')} type="date" {...form.getInputProps('to')} />
      </SimpleGrid>
      <Group mt="md" gap="sm">
        <Button type="submit">{t('admin.audit.apply')}</Button>
        <Button variant="default" onClick={clear}>
          {t('admin.audit.clear')}
        </Button>
      </Group>
    </form>
  );
}
