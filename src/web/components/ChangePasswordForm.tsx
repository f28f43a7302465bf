import { Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Msg } from '../lib/errors.tsx';
import { useSubmitErrors } from '../lib/forms.ts';
import { FormError } from './ErrorAlert.tsx';
import { PasswordField } from './PasswordField.tsx';

/** NIST SP 800-63B: length is the rule; the server also refuses common and personal passwords. */
const MIN_LENGTH = 12;

export type PasswordChange = { currentPassword: string; newPassword: string; confirmPassword: string };

type Props = {
  /** Sends the change; a thrown API error is shown under its field. */
  onSubmit: (values: PasswordChange) => Promise<unknown>;
  pending: boolean;
  submitLabel: string;
  /** Shown above the button, e.g. a confirmation after a change. */
  notice?: ReactNode;
  resetOnSuccess?: boolean;
};

/** "Current Password", "New Password", "Confirm New Password": the same form at sign-in and in My Account. */
export function ChangePasswordForm({ onSubmit, pending, submitLabel, notice, resetOnSuccess = false }: Props) {
  const { t } = useTranslation();
  const form = useForm<PasswordChange>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : <Msg k="validation.passwordRequired" />),
      newPassword: (value) => ([...value].length >= MIN_LENGTH ? null : <Msg k="errors.password.too_short" />),
      confirmPassword: (value, values) => (value === values.newPassword ? null : <Msg k="errors.passwordMismatch" />),
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, {
    currentPassword: 'validation.passwordRequired',
    newPassword: 'errors.password.too_short',
    confirmPassword: 'errors.passwordMismatch',
  });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      await onSubmit(values);
      if (resetOnSuccess) form.reset();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <PasswordField label={t('changePassword.current')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <PasswordField label={t('changePassword.new')} description={t('changePassword.rule')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
        <PasswordField label={t('changePassword.confirm')} autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        <FormError message={formError} />
        {notice}
        <Button type="submit" loading={pending} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
