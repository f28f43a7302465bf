import { Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { RegistrationForm } from '../components/RegistrationForm.tsx';
import { SentNotice } from '../components/SentNotice.tsx';

/** The registration form; once sent, the request number and what happens next. */
export function RegisterFormPage() {
  const { t } = useTranslation();
  const [sentNumber, setSentNumber] = useState<string | null>(null);
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} maw={720} mx="auto">
      <PageHeading>{t('registration.form.title')}</PageHeading>
      {sentNumber ? (
        <SentNotice title={t('registration.form.sentTitle')}>{t('registration.form.sent', { number: sentNumber })}</SentNotice>
      ) : (
        <Stack gap="md">
          <Text>{t('registration.form.intro')}</Text>
          <RegistrationForm onSent={setSentNumber} />
        </Stack>
      )}
    </Paper>
  );
}
