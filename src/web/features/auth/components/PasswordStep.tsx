import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { PasswordField } from '../../../components/PasswordField.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { takeSignInNotice } from '../../../lib/session.ts';
import { useLogin } from '../api/auth.ts';

/** The first step: e-mail and password. The next step depends on the stage the server answers. */
export function PasswordStep() {
  const { t } = useTranslation();
  const login = useLogin();
  const [notice] = useState(takeSignInNotice);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : <Msg k="validation.emailRequired" />),
      password: (value) => (value ? null : <Msg k="validation.passwordRequired" />),
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { email: 'validation.emailRequired', password: 'validation.passwordRequired' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      await login.mutateAsync({ email: values.email.trim(), password: values.password });
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Stack gap="lg">
      {notice && (
        <Alert color="yellow" variant="light" role="alert">
          <Msg k={notice} />
        </Alert>
      )}
      <Text>{t('login.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('login.email')} type="email" autoComplete="username" {...form.getInputProps('email')} />
          <PasswordField label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <FormError message={formError} />
          <Group justify="space-between" align="center">
            <Button type="submit" loading={login.isPending}>
              {t('common.submit')}
            </Button>
            <Anchor component={Link} to="/forgot-password">
              {t('login.forgot')}
            </Anchor>
          </Group>
        </Stack>
      </form>
      <Text>
        {t('login.newHere')}{' '}
        <Anchor component={Link} to="/register">
          {t('login.requestAccess')}
        </Anchor>
      </Text>
    </Stack>
  );
}
