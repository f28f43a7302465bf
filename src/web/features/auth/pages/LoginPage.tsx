import { useTranslation } from 'react-i18next';
import { StageGate } from '../../../components/StageGate.tsx';
import { useSession } from '../../../lib/session.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { EmailCodeStep } from '../components/EmailCodeStep.tsx';
import { PasskeyButton } from '../components/PasskeyButton.tsx';
import { PasswordStep } from '../components/PasswordStep.tsx';

/** "Login": the password form and "Sign in with a passkey", extended by the one-time passcode when the contact chose e-mail. */
export function LoginPage() {
  const { t } = useTranslation();
  return (
    <StageGate allow={['anonymous', 'email_code']}>
      <AuthPanel title={t('login.title')}>
        <LoginStep />
      </AuthPanel>
    </StageGate>
  );
}

function LoginStep() {
  const { data } = useSession();
  if (data?.stage === 'email_code') return <EmailCodeStep email={data.signIn?.email} passkey={data.signIn?.passkey ?? false} />;
  return (
    <>
      <PasswordStep />
      <PasskeyButton step="sign-in" />
    </>
  );
}
