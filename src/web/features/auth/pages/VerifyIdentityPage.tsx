import { useTranslation } from 'react-i18next';
import { StageGate } from '../../../components/StageGate.tsx';
import { useSession } from '../../../lib/session.ts';
import { useVerifyAuthenticator } from '../api/auth.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { PasskeyButton } from '../components/PasskeyButton.tsx';
import { CodeForm } from '../../../components/CodeForm.tsx';
import { StartOverButton } from '../components/StartOverButton.tsx';

/** "Verify your identity": the code of the authenticator app paired at the first login, or a passkey of the person's instead. */
export function VerifyIdentityPage() {
  const { t } = useTranslation();
  const verify = useVerifyAuthenticator();
  const { data } = useSession();
  return (
    <StageGate allow={['totp_verify']}>
      <AuthPanel title={t('verify.title')} intro={t('verify.intro')}>
        <CodeForm label={t('verify.code')} submitLabel={t('common.submit')} loading={verify.isPending} onSubmit={(code) => verify.mutateAsync({ code })} />
        {data?.signIn?.passkey && <PasskeyButton step="second-factor" />}
        <StartOverButton />
      </AuthPanel>
    </StageGate>
  );
}
