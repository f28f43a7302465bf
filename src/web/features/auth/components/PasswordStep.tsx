import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { PasswordField } from '../../../components/PasswordField.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { EMAIL_PATTERN, useSubmitErrors } from '../../../lib/forms.ts';
import { takeSignInNotice } from '../../../lib/session.ts';
import { useDiscoverSso, useLogin, useStartSso } from '../api/auth.ts';

/**
 * The first step: the e-mail, then the password, or, for an address whose organisation signs in
 * with its own provider, single sign-on there. The address is checked when it is left or submitted.
 */
export function PasswordStep() {
  const { t } = useTranslation();
  const login = useLogin();
  const discover = useDiscoverSso();
  const startSso = useStartSso();
  const [notice] = useState(takeSignInNotice);
  // `sso`: the address's domain signs in at its organisation's provider; `passwordChosen`: the person asked for the password form anyway.
  const [sso, setSso] = useState(false);
  const [passwordChosen, setPasswordChosen] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : <Msg k="validation.emailRequired" />),
      password: (value) => (value || (sso && !passwordChosen) ? null : <Msg k="validation.passwordRequired" />),
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { email: 'validation.emailRequired', password: 'validation.passwordRequired' });
  const ssoMode = sso && !passwordChosen;

  /** Asks whether the address uses single sign-on; a failed check leaves the password form as it is. */
  const checkAddress = async (email: string): Promise<boolean> => {
    if (!EMAIL_PATTERN.test(email)) return false;
    const found = await discover.mutateAsync(email).then((answer) => answer.sso, () => false);
    setSso(found);
    return found;
  };

  const goToProvider = async (email: string) => {
    try {
      await startSso.mutateAsync(email);
    } catch (error) {
      showError(error);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearError();
    const email = form.getValues().email.trim();
    if (ssoMode || (!passwordChosen && !form.getValues().password && (await checkAddress(email)))) return goToProvider(email);
    form.onSubmit(async (values) => {
      try {
        await login.mutateAsync({ email: values.email.trim(), password: values.password });
      } catch (error) {
        showError(error);
      }
    })();
  };

  const emailProps = form.getInputProps('email');
  return (
    <Stack gap="lg">
      {notice && (
        <Alert color="yellow" variant="light" role="alert">
          <Msg k={notice} />
        </Alert>
      )}
      <Text>{t('login.intro')}</Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            {...emailProps}
            onChange={(event) => {
              setSso(false);
              emailProps.onChange(event);
            }}
            onBlur={(event) => {
              emailProps.onBlur?.(event);
              if (!passwordChosen) void checkAddress(event.currentTarget.value.trim());
            }}
          />
          {ssoMode ? (
            <Alert color="blue" variant="light" role="status">
              {t('sso.detected')}
            </Alert>
          ) : (
            <PasswordField label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          )}
          <FormError message={formError} />
          <Group justify="space-between" align="center">
            <Button type="submit" loading={login.isPending || startSso.isPending}>
              {ssoMode ? t('sso.continue') : t('common.submit')}
            </Button>
            {ssoMode ? (
              <Button
                variant="subtle"
                onClick={() => {
                  clearError();
                  setPasswordChosen(true);
                }}
              >
                {t('sso.usePassword')}
              </Button>
            ) : (
              <Anchor component={Link} to="/forgot-password">
                {t('login.forgot')}
              </Anchor>
            )}
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
