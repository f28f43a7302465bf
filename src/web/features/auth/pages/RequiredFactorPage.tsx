import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeForm } from '../../../components/CodeForm.tsx';
import { ErrorAlert, FormError } from '../../../components/ErrorAlert.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { StageGate } from '../../../components/StageGate.tsx';
import { ErrorText } from '../../../lib/errors.tsx';
import { useAddRequiredPasskey, useRequiredFactor, useVerifyAuthenticator, type RequiredFactor } from '../api/auth.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { PairingSteps } from '../components/PairingSteps.tsx';
import { PasskeyButton } from '../components/PasskeyButton.tsx';
import { StartOverButton } from '../components/StartOverButton.tsx';

/**
 * The account's second-factor rule asks for more than this sign-in proved: the person proves a
 * factor the rule accepts that they already have, or, once they proved some second factor, sets
 * one up (the same pairing steps as a first sign-in, or a passkey). Nothing else opens until then.
 */
export function RequiredFactorPage() {
  const { t } = useTranslation();
  return (
    <StageGate allow={['factor_required']}>
      <AuthPanel title={t('requiredFactor.title')} wide>
        <RequiredFactorSteps />
        <StartOverButton />
      </AuthPanel>
    </StageGate>
  );
}

function RequiredFactorSteps() {
  const { t } = useTranslation();
  const required = useRequiredFactor();
  if (required.isPending) return <PageLoader />;
  if (required.isError) return <ErrorAlert error={required.error} onRetry={() => void required.refetch()} />;
  const { policy, prove, setUp, appAccepted } = required.data;
  const canProve = prove.passkey || prove.app;
  return (
    <Stack gap="lg">
      <Text>{t(`requiredFactor.intro.${policy === 'passkey_only' ? 'passkey_only' : 'app_or_passkey'}`)}</Text>
      {canProve && <ProveSection prove={prove} />}
      {setUp ? (
        <Stack gap="lg">
          {appAccepted && (
            <Step id="required-app-heading" title={t('requiredFactor.appHeading')}>
              <PairingSteps />
            </Step>
          )}
          <AddPasskeySection />
        </Stack>
      ) : (
        !canProve && <Text>{t('requiredFactor.askAdministrator')}</Text>
      )}
    </Stack>
  );
}

function ProveSection({ prove }: { prove: RequiredFactor['prove'] }) {
  const { t } = useTranslation();
  const verify = useVerifyAuthenticator();
  return (
    <Step id="required-prove-heading" title={t('requiredFactor.proveHeading')}>
      <Stack gap="md">
        {prove.app && <CodeForm label={t('verify.code')} submitLabel={t('common.submit')} loading={verify.isPending} onSubmit={(code) => verify.mutateAsync({ code })} />}
        {prove.passkey && <PasskeyButton step="second-factor" label={t('requiredFactor.usePasskey')} />}
      </Stack>
    </Step>
  );
}

function AddPasskeySection() {
  const { t } = useTranslation();
  const add = useAddRequiredPasskey();
  const [name, setName] = useState(() => t('requiredFactor.defaultPasskeyName'));
  return (
    <Step id="required-passkey-heading" title={t('requiredFactor.passkeyHeading')}>
      <Stack gap="sm">
        <Text size="sm">{t('requiredFactor.passkeyIntro')}</Text>
        <TextInput label={t('requiredFactor.passkeyName')} value={name} maxLength={100} onChange={(event) => setName(event.currentTarget.value)} />
        <Button onClick={() => add.mutate(name.trim() || t('requiredFactor.defaultPasskeyName'))} loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('requiredFactor.addPasskey')}
        </Button>
        {add.isError && <FormError message={<ErrorText error={add.error} />} />}
      </Stack>
    </Step>
  );
}

/** One way through the step, under its own heading, which names the region for screen readers. */
function Step({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}
