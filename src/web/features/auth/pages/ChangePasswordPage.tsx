import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm.tsx';
import { StageGate } from '../../../components/StageGate.tsx';
import { useChangePassword } from '../api/auth.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { StartOverButton } from '../components/StartOverButton.tsx';

/** "Change password": required after logging in with a temporary password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <StageGate allow={['change_password']}>
      <AuthPanel title={t('changePassword.title')} intro={t('changePassword.intro')}>
        <ChangePasswordStep />
        <StartOverButton />
      </AuthPanel>
    </StageGate>
  );
}

function ChangePasswordStep() {
  const { t } = useTranslation();
  const change = useChangePassword();
  return <ChangePasswordForm pending={change.isPending} submitLabel={t('common.submit')} onSubmit={(values) => change.mutateAsync(values)} />;
}
