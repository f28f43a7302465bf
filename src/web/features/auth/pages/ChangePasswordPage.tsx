import { Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { PasswordField } from '../../../components/PasswordField.tsx';
import { StageGate } from '../../../components/StageGate.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useChangePassword } from '../api/auth.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { StartOverButton } from '../components/StartOverButton.tsx';

/** NIST SP 800-63B: length is the rule; the server also refuses common and personal passwords. */
const MIN_LENGTH = 12;

/** "Change password": required after logging in with a temporary password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <StageGate allow={['change_password']}>
      <AuthPanel title={t('changePassword.title')} intro={t('changePassword.intro')}>
        <ChangePasswordForm />
        <StartOverButton />
      </AuthPanel>
    </StageGate>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
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
      await change.mutateAsync(values);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordField label={t('changePassword.current')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <PasswordField label={t('changePassword.new')} description={t('changePassword.rule')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
        <PasswordField label={t('changePassword.confirm')} autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        <FormError message={formError} />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('common.submit')}
        </Button>
      </Stack>
    </form>
  );
}
