import { Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { ServerMessage } from '../../../lib/errors.tsx';
import { HelpForm } from '../components/HelpForm.tsx';
import { SentNotice } from '../components/SentNotice.tsx';

/** "Get help with registration": a message to the support team. */
export function RegisterHelpPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<{ message: string; messageKey?: string } | null>(null);
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} maw={640} mx="auto">
      <PageHeading>{t('registration.helpForm.title')}</PageHeading>
      {sent ? (
        <SentNotice title={t('registration.helpForm.sentTitle')}>
          <ServerMessage message={sent.message} messageKey={sent.messageKey} />
        </SentNotice>
      ) : (
        <Stack gap="md">
          <Text>{t('registration.helpForm.intro')}</Text>
          <HelpForm onSent={setSent} />
        </Stack>
      )}
    </Paper>
  );
}
