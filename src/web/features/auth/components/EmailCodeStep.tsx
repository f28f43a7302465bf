import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { ErrorText, ServerMessage } from '../../../lib/errors.tsx';
import { useEmailCode, useResendCode } from '../api/auth.ts';
import { CodeForm } from '../../../components/CodeForm.tsx';
import { PasskeyButton } from './PasskeyButton.tsx';
import { StartOverButton } from './StartOverButton.tsx';

/** The guide's step (6): after a correct password, the e-mailed one-time passcode, or a passkey of the person's instead. */
export function EmailCodeStep({ email, passkey }: { email: string | undefined; passkey: boolean }) {
  const { t } = useTranslation();
  const verify = useEmailCode();
  const resend = useResendCode();

  return (
    <Stack gap="md">
      <Alert color="blue" variant="light" title={t('login.emailCodeRequired')} role="status">
        {email && <Text size="sm">{t('login.emailCodeSent', { email })}</Text>}
      </Alert>
      <CodeForm autoFocus label={t('login.oneTimePasscode')} submitLabel={t('common.submit')} loading={verify.isPending} onSubmit={(code) => verify.mutateAsync({ code })}>
        <Button variant="default" onClick={() => resend.mutate()} loading={resend.isPending}>
          {t('login.sendNewCode')}
        </Button>
      </CodeForm>
      {resend.isSuccess && (
        <Alert color="green" variant="light" role="status">
          <ServerMessage message={resend.data.message} messageKey={resend.data.messageKey} />
        </Alert>
      )}
      {resend.isError && <FormError message={<ErrorText error={resend.error} />} />}
      {passkey && <PasskeyButton step="second-factor" />}
      <StartOverButton />
    </Stack>
  );
}
