import { Alert, Box, Button, Group, Image, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeForm } from '../../../components/CodeForm.tsx';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { SecretKey } from '../../../components/SecretKey.tsx';
import { ErrorText } from '../../../lib/errors.tsx';
import { fetchAuthenticatorSetup, useEmailCodes, usePairNewAuthenticator, type OtpMethod, type TotpSetup } from '../api/account.ts';
import type { Guard } from '../../../components/ConfirmIdentity.tsx';

type Mode = { kind: 'idle' } | { kind: 'app'; setup: TotpSetup } | { kind: 'email' };

/**
 * The second factor in use, and the way to switch: a new authenticator proves itself with a code.
 * Both changes need a recent sign-in, which `guard` asks for when it is due.
 */
export function SecondFactorSection({ otpMethod, guard }: { otpMethod: OtpMethod; guard: Guard }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [done, setDone] = useState<OtpMethod | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  const finish = (method: OtpMethod) => {
    setMode({ kind: 'idle' });
    setDone(method);
  };
  // The button spins only while the secret is fetched, not while "Confirm it's you" is open.
  const fetchSetup = () => {
    setStarting(true);
    return fetchAuthenticatorSetup().finally(() => setStarting(false));
  };
  const startPairing = async () => {
    setDone(null);
    setStartError(null);
    try {
      setMode({ kind: 'app', setup: await guard(fetchSetup) });
    } catch (error) {
      setStartError(error);
    }
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
      {mode.kind === 'idle' && (
        <>
          <Group gap="sm">
            <Button variant="default" loading={starting} onClick={() => void startPairing()}>
              {t('account.secondFactor.useApp')}
            </Button>
            {otpMethod === 'app' && (
              <Button variant="default" onClick={() => (setDone(null), setMode({ kind: 'email' }))}>
                {t('account.secondFactor.useEmail')}
              </Button>
            )}
          </Group>
          {startError !== null && <FormError message={<ErrorText error={startError} />} />}
        </>
      )}
      {mode.kind === 'app' && <PairApp setup={mode.setup} guard={guard} onDone={() => finish('app')} onCancel={() => setMode({ kind: 'idle' })} />}
      {mode.kind === 'email' && <SwitchToEmail guard={guard} onDone={() => finish('email')} onCancel={() => setMode({ kind: 'idle' })} />}
    </Stack>
  );
}

type ChangeProps = { guard: Guard; onDone: () => void; onCancel: () => void };

function PairApp({ setup, guard, onDone, onCancel }: ChangeProps & { setup: TotpSetup }) {
  const { t } = useTranslation();
  const pair = usePairNewAuthenticator();
  return (
    <Stack gap="md">
      <Text>{t('account.secondFactor.appIntro')}</Text>
      <Image src={setup.qrCodeDataUrl} alt={t('pair.qrAlt')} w={220} h={220} fit="contain" />
      <Box>
        <Text size="sm" mb={4}>
          {t('pair.manual')}
        </Text>
        <SecretKey secret={setup.secret} />
      </Box>
      <CodeForm
        label={t('pair.step3')}
        description={t('pair.codeHint')}
        submitLabel={t('account.secondFactor.pair')}
        loading={pair.isPending}
        onSubmit={async (code) => {
          await guard(() => pair.mutateAsync({ code }));
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

function SwitchToEmail({ guard, onDone, onCancel }: ChangeProps) {
  const { t } = useTranslation();
  const switchToEmail = useEmailCodes();
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    setError(null);
    try {
      await guard(() => switchToEmail.mutateAsync());
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Stack gap="md" maw={480}>
      <Text>{t('account.secondFactor.emailIntro')}</Text>
      {error !== null && <FormError message={<ErrorText error={error} />} />}
      <Group gap="sm">
        <Button onClick={() => void confirm()} loading={switchToEmail.isPending}>
          {t('account.secondFactor.confirmEmail')}
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
