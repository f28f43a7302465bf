import { Button, Divider, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { ErrorText } from '../../../lib/errors.tsx';
import { usePasskeySignIn } from '../api/auth.ts';

/**
 * "Sign in with a passkey" under the password form (no address typed: the passkey names the
 * person), or "Use a passkey instead" at the second-factor step (`label` words it otherwise).
 */
export function PasskeyButton({ step, label }: { step: 'sign-in' | 'second-factor'; label?: string }) {
  const { t } = useTranslation();
  const signIn = usePasskeySignIn(step);
  return (
    <Stack gap="sm">
      <Divider label={t('passkeys.or')} labelPosition="center" />
      <Button variant="default" onClick={() => signIn.mutate()} loading={signIn.isPending}>
        {label ?? (step === 'sign-in' ? t('passkeys.signIn') : t('passkeys.useInstead'))}
      </Button>
      {signIn.isError && <FormError message={<ErrorText error={signIn.error} />} />}
    </Stack>
  );
}
