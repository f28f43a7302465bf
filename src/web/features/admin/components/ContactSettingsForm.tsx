import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { EMAIL_PATTERN, useSubmitErrors } from '../../../lib/forms.ts';
import * as rules from '../../../lib/validation.tsx';
import { useSaveContact, type ContactSettings } from '../api/settings.ts';

const LIMITS = { company: 200, email: 254, phone: 50, hours: 1000, address: 1000 } as const;

const optionalEmail = (value: string) =>
  value.trim() && !EMAIL_PATTERN.test(value.trim()) ? <Msg k="validation.emailInvalid" /> : rules.maxLength(LIMITS.email)(value);

/** The vendor's details that "Contact Us" shows every visitor; an empty detail is left out there. */
export function ContactSettingsForm({ contact }: { contact: ContactSettings }) {
  const { t } = useTranslation();
  const save = useSaveContact();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: contact,
    validate: {
      company: rules.maxLength(LIMITS.company),
      email: optionalEmail,
      phone: rules.maxLength(LIMITS.phone),
      hours: rules.maxLength(LIMITS.hours),
      address: rules.maxLength(LIMITS.address),
    },
    onValuesChange: () => setSaved(false),
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { email: 'validation.emailInvalid' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const trimmed = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])) as ContactSettings;
      const result = await save.mutateAsync(trimmed);
      form.setValues(result.contact);
      form.resetDirty(result.contact);
      setSaved(true);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('admin.settings.company')} maxLength={LIMITS.company} autoComplete="off" {...form.getInputProps('company')} />
        <TextInput label={t('admin.settings.email')} type="email" maxLength={LIMITS.email} autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label={t('admin.settings.phone')} type="tel" maxLength={LIMITS.phone} autoComplete="off" {...form.getInputProps('phone')} />
        <GrowingTextarea label={t('admin.settings.hours')} minRows={2} maxLength={LIMITS.hours} {...form.getInputProps('hours')} />
        <GrowingTextarea label={t('admin.settings.address')} minRows={3} maxLength={LIMITS.address} {...form.getInputProps('address')} />
        <FormError message={formError} />
        {saved && (
          <Alert color="green" variant="light" role="status">
            {t('admin.settings.contactSaved')}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.settings.saveContact')}
        </Button>
      </Stack>
    </form>
  );
}
