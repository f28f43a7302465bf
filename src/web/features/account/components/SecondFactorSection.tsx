import { Alert, Box, Button, Group, Image, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeForm } from '../../../components/CodeForm.tsx';
import { ErrorAlert, FormError } from '../../../components/ErrorAlert.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { PasswordField } from '../../../components/PasswordField.tsx';
import { SecretKey } from '../../../components/SecretKey.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useAuthenticatorSetup, useEmailCodes, usePairNewAuthenticator, type OtpMethod } from '../api/account.ts';

type Mode = 'idle' | 'app' | 'email';

/** The second factor in use, and the way to switch: a new authenticator proves itself with a code, e-mail codes need the password. */
export function SecondFactorSection({ otpMethod }: { otpMethod: OtpMethod }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('idle');
  const [done, setDone] = useState<OtpMethod | null>(null);

  const finish = (method: OtpMethod) => {
    setMode('idle');
    setDone(method);
  };

  return (
    <Stack gap="md">
      <Text>
        {t('account.secondFactor.current')} <strong>{t(`registration.otpMethods.${otpMethod}`)}</strong>
      </Text>
      {done && (
        <Alert color="green" variant="light" role="status">
          {done === 'app' ? t('account.secondFactor.pairedApp') : t('account.secondFactor.switchedEmail')}
        </Alert>
      )}
      {mode === 'idle' && (
        <Group gap="sm">
          <Button variant="default" onClick={() => (setDone(null), setMode('app'))}>
            {t('account.secondFactor.useApp')}
          </Button>
          {otpMethod === 'app' && (
            <Button variant="default" onClick={() => (setDone(null), setMode('email'))}>
              {t('account.secondFactor.useEmail')}
            </Button>
          )}
        </Group>
      )}
      {mode === 'app' && <PairApp onDone={() => finish('app')} onCancel={() => setMode('idle')} />}
      {mode === 'email' && <SwitchToEmail onDone={() => finish('email')} onCancel={() => setMode('idle')} />}
    </Stack>
  );
}

function PairApp({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const setup = useAuthenticatorSetup(true);
  const pair = usePairNewAuthenticator();

  if (setup.isPending) return <PageLoader />;
  if (setup.isError) return <ErrorAlert title={t('pair.loadFailed')} error={setup.error} onRetry={() => void setup.refetch()} />;
  return (
    <Stack gap="md">
      <Text>{t('account.secondFactor.appIntro')}</Text>
      <Image src={setup.data.qrCodeDataUrl} alt={t('pair.qrAlt')} w={220} h={220} fit="contain" />
      <Box>
        <Text size="sm" mb={4}>
          {t('pair.manual')}
        </Text>
        <SecretKey secret={setup.data.secret} />
      </Box>
      <CodeForm
        label={t('pair.step3')}
        description={t('pair.codeHint')}
        submitLabel={t('account.secondFactor.pair')}
        loading={pair.isPending}
        onSubmit={async (code) => {
          await pair.mutateAsync({ code });
          onDone();
        }}
      >
        <Button variant="subtle" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </CodeForm>
    </Stack>
  );
}

function SwitchToEmail({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const switchToEmail = useEmailCodes();
  const form = useForm({
    initialValues: { currentPassword: '' },
    validate: { currentPassword: (value) => (value ? null : <Msg k="validation.passwordRequired" />) },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { currentPassword: 'validation.passwordRequired' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      await switchToEmail.mutateAsync(values);
      onDone();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <Text>{t('account.secondFactor.emailIntro')}</Text>
        <PasswordField label={t('changePassword.current')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <FormError message={formError} />
        <Group gap="sm">
          <Button type="submit" loading={switchToEmail.isPending}>
            {t('account.secondFactor.confirmEmail')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
