import { Button, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, FormError } from '../../../components/ErrorAlert.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { StageGate } from '../../../components/StageGate.tsx';
import { ApiError } from '../../../lib/api.ts';
import { ErrorText } from '../../../lib/errors.tsx';
import { useAcceptTerms, useTerms } from '../api/auth.ts';
import { AuthPanel } from '../components/AuthPanel.tsx';
import { StartOverButton } from '../components/StartOverButton.tsx';

/** "Terms of use": the last step of the first login; the accepted version is recorded. */
export function TermsPage() {
  const { t } = useTranslation();
  return (
    <StageGate allow={['terms']}>
      <AuthPanel title={t('terms.title')} intro={t('terms.intro')} wide>
        <TermsAcceptance />
        <StartOverButton />
      </AuthPanel>
    </StageGate>
  );
}

function TermsAcceptance() {
  const { t, i18n } = useTranslation();
  const terms = useTerms(i18n.language);
  const accept = useAcceptTerms();
  const [error, setError] = useState<ReactNode | null>(null);

  if (terms.isPending) return <PageLoader />;
  if (terms.isError) return <ErrorAlert title={t('terms.loadFailed')} error={terms.error} onRetry={() => void terms.refetch()} />;

  const onAccept = async () => {
    setError(null);
    try {
      await accept.mutateAsync({ version: terms.data.version });
    } catch (failure) {
      setError(<ErrorText error={failure} />);
      // The terms changed while being read: show the new version to accept.
      if (failure instanceof ApiError && failure.status === 409) void terms.refetch();
    }
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" bg="gray.0" component="section" aria-label={t('terms.textLabel', { version: terms.data.version })}>
        <Text className="pre-wrap">{terms.data.text}</Text>
      </Paper>
      <FormError message={error} />
      <Button onClick={() => void onAccept()} loading={accept.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('terms.accept')}
      </Button>
    </Stack>
  );
}
