import { useTranslation } from 'react-i18next';
import { StageGate } from '../../../components/StageGate.tsx';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { PairingSteps } from '../components/PairingSteps.tsx';
import { StartOverButton } from '../components/StartOverButton.tsx';

/** "Enable two-factor authentication": the guide's three numbered steps to pair an authenticator app. */
export function PairAuthenticatorPage() {
  const { t } = useTranslation();
  return (
    <StageGate allow={['totp_pair']}>
      <AuthPanel title={t('pair.title')} intro={t('pair.intro')} wide>
        <PairingSteps />
        <StartOverButton />
      </AuthPanel>
    </StageGate>
  );
}
