import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useRegistrationHelp, type HelpInput } from '../api/registration.ts';
import * as rules from '../../../lib/validation.tsx';

type Sent = { message: string; messageKey?: string };

/** "Get help with registration": reaches the vendor's administrators; creates no account. */
export function HelpForm({ onSent }: { onSent: (answer: Sent) => void }) {
  const { t } = useTranslation();
  const help = useRegistrationHelp();
  const form = useForm<Omit<HelpInput, 'language'>>({
    initialValues: { name: '', email: '', company: '', message: '' },
    validate: { name: rules.maxLength(200), email: rules.email, company: rules.maxLength(200), message: rules.maxLength(4000) },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, {
    name: 'validation.required',
    email: 'validation.emailInvalid',
    company: 'validation.required',
    message: 'validation.required',
  });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      onSent(
        await help.mutateAsync({
          name: values.name.trim(),
          email: values.email.trim(),
          company: values.company.trim(),
          message: values.message.trim(),
          language: currentLanguage(),
        }),
      );
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('registration.helpForm.name')} autoComplete="name" {...form.getInputProps('name')} />
        <TextInput label={t('registration.helpForm.email')} type="email" autoComplete="email" {...form.getInputProps('email')} />
        <TextInput label={t('registration.helpForm.company')} autoComplete="organization" {...form.getInputProps('company')} />
        <GrowingTextarea label={t('registration.helpForm.message')} minRows={5} maxRows={14} {...form.getInputProps('message')} />
        <FormError message={formError} />
        <Button type="submit" loading={help.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('common.submit')}
        </Button>
      </Stack>
    </form>
  );
}
