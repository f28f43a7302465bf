import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useAdminSettings } from '../api/settings.ts';
import { AutoCloseForm } from '../components/AutoCloseForm.tsx';
import { ContactSettingsForm } from '../components/ContactSettingsForm.tsx';
import { TermsForm } from '../components/TermsForm.tsx';
import { SlaForm } from '../components/SlaForm.tsx';
import { useSlaSettings } from '../api/sla.ts';

function Section({ id, title, intro, sampleNotice, children }: { id: string; title: string; intro: string; sampleNotice?: string | false; children: ReactNode }) {
  return (
    <Stack component="section" aria-labelledby={id} gap="sm">
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <Text>{intro}</Text>
      {sampleNotice && (
        <Alert color="yellow" variant="light">
          {sampleNotice}
        </Alert>
      )}
      {children}
    </Stack>
  );
}

/** "Settings" for vendor administrators: terms of use, Contact Us details, the auto-close wait, the service targets. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useAdminSettings();
  const sla = useSlaSettings();

  return (
    <Stack gap="xl">
      <div>
        <PageHeading>{t('admin.settings.title')}</PageHeading>
        <Text>{t('admin.settings.intro')}</Text>
      </div>
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <Section id="contact-settings-heading" title={t('admin.settings.contactHeading')} intro={t('admin.settings.contactIntro')} sampleNotice={settings.data.samples.contact && t('admin.settings.sampleContact')}>
            <ContactSettingsForm contact={settings.data.contact} />
          </Section>
          <Section id="auto-close-heading" title={t('admin.settings.autoCloseHeading')} intro={t('admin.settings.autoCloseIntro')}>
            <AutoCloseForm autoClose={settings.data.autoClose} />
          </Section>
          <Section id="sla-heading" title={t('admin.sla.heading')} intro={t('admin.sla.intro')}>
            {sla.isPending ? <PageLoader /> : sla.isError ? <ErrorAlert error={sla.error} onRetry={() => void sla.refetch()} /> : <SlaForm sla={sla.data} />}
          </Section>
          <Section id="terms-heading" title={t('admin.settings.termsHeading')} intro={t('admin.settings.termsIntro')} sampleNotice={settings.data.samples.terms && t('admin.settings.sampleTerms')}>
            <TermsForm terms={settings.data.terms} />
          </Section>
        </>
      )}
    </Stack>
  );
}
