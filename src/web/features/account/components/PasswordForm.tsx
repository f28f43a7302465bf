import { Alert, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { PasswordField } from '../../../components/PasswordField.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useChangeOwnPassword } from '../api/account.ts';

/** NIST SP 800-63B: length is the rule; the server also refuses common and personal passwords. */
const MIN_LENGTH = 12;

/** "Change password" for a signed-in person: the current password is required, other sessions end. */
export function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangeOwnPassword();
  const [changed, setChanged] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : <Msg k="validation.passwordRequired" />),
      newPassword: (value) => ([...value].length >= MIN_LENGTH ? null : <Msg k="errors.password.too_short" />),
      confirmPassword: (value, values) => (value === values.newPassword ? null : <Msg k="errors.passwordMismatch" />),
    },
    onValuesChange: () => setChanged(false),
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
      form.reset();
      setChanged(true);
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
        {changed && (
          <Alert color="green" variant="light" role="status">
            {t('account.password.changed')}
          </Alert>
        )}
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('account.password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
