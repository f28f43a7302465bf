import { Box, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CodeForm } from '../../../components/CodeForm.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { SecretKey } from '../../../components/SecretKey.tsx';
import { usePairAuthenticator, useTotpSetup } from '../api/auth.ts';

/** The guide's three numbered steps to pair an authenticator app: at a first sign-in, or when the account's rule asks for one. */
export function PairingSteps() {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const pair = usePairAuthenticator();

  return (
    <Box component="ol" pl="lg" m={0}>
      <Box component="li" mb="xl">
        <Text fw={600}>{t('pair.step1')}</Text>
        <Text size="sm" mt={4}>
          {t('pair.step1Hint')}
        </Text>
      </Box>
      <Box component="li" mb="xl">
        <Text fw={600}>{t('pair.step2')}</Text>
        {setup.isPending ? (
          <PageLoader />
        ) : setup.isError ? (
          <Box mt="sm">
            <ErrorAlert title={t('pair.loadFailed')} error={setup.error} onRetry={() => void setup.refetch()} />
          </Box>
        ) : (
          <Stack gap="sm" mt="sm">
            <Image src={setup.data.qrCodeDataUrl} alt={t('pair.qrAlt')} w={220} h={220} fit="contain" />
            <Text size="sm">{t('pair.manual')}</Text>
            <SecretKey secret={setup.data.secret} />
          </Stack>
        )}
      </Box>
      <Box component="li">
        <CodeForm
          label={t('pair.step3')}
          description={t('pair.codeHint')}
          submitLabel={t('pair.submit')}
          loading={pair.isPending}
          onSubmit={(code) => pair.mutateAsync({ code })}
        />
      </Box>
    </Box>
  );
}
