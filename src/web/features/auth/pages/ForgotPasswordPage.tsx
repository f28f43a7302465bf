import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { Msg, ServerMessage } from '../../../lib/errors.tsx';
import { EMAIL_PATTERN, useSubmitErrors } from '../../../lib/forms.ts';
import { useForgotPassword } from '../api/auth.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';

/** "Forgot your password?": mails a temporary password; the answer is the same for any address. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const form = useForm({
    initialValues: { email: '' },
    validate: {
      email: (value) => (!value.trim() ? <Msg k="validation.emailRequired" /> : EMAIL_PATTERN.test(value.trim()) ? null : <Msg k="validation.emailInvalid" />),
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { email: 'validation.emailInvalid' });

  const submit = form.onSubmit(async ({ email }) => {
    clearError();
    try {
      await forgot.mutateAsync({ email: email.trim() });
    } catch (error) {
      showError(error);
    }
  });

  return (
    <AuthPanel title={t('forgot.title')} intro={forgot.isSuccess ? undefined : t('forgot.intro')}>
      {forgot.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <ServerMessage message={forgot.data.message} messageKey={forgot.data.messageKey} />
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput label={t('forgot.email')} type="email" autoComplete="email" {...form.getInputProps('email')} />
            <FormError message={formError} />
            <Button type="submit" loading={forgot.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('common.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login">
        {t('forgot.backToLogin')}
      </Anchor>
    </AuthPanel>
  );
}
