import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RegistrationRequest } from '../api/registration.ts';
import { countryLabel } from '../../../lib/countries.ts';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { fullName } from '../../../lib/session.ts';

/** The applicant's details, as the reviewer's e-mail lists them. */
export function RequestDetails({ request }: { request: RegistrationRequest }) {
  const { t, i18n } = useTranslation();
  const rows = [
    { label: t('registration.request.name'), value: fullName(request) },
    { label: t('registration.request.account'), value: request.accountName },
    { label: t('registration.request.email'), value: request.email },
    { label: t('registration.request.timeZone'), value: request.timeZone },
    { label: t('registration.request.countryCode'), value: countryLabel(request.countryCode, i18n.language) },
    { label: t('registration.request.phone'), value: request.phone },
    { label: t('registration.request.mobile'), value: request.mobile || t('common.notGiven') },
    { label: t('registration.request.preferredContact'), value: t(`registration.contactMethods.${request.preferredContact}`) },
    { label: t('registration.request.language'), value: t(`languages.${request.language}`) },
    { label: t('registration.request.otpMethod'), value: t(`registration.otpMethods.${request.otpMethod}`) },
  ];
  return (
    <section aria-labelledby="applicant-heading">
      <Title order={2} size="h3" id="applicant-heading" mb="xs">
        {t('registration.request.detailsHeading')}
      </Title>
      <DetailsTable rows={rows} />
    </section>
  );
}
