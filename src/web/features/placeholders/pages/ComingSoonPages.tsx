import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../components/ComingSoon.tsx';

export function PortalHelpPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('placeholders.portalHelp.title')} text={t('placeholders.portalHelp.text')} />;
}

export function ContactUsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('placeholders.contactUs.title')} text={t('placeholders.contactUs.text')} />;
}
