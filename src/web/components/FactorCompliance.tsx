import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What a contact has set up for the second factor, as the Contacts lists return it. */
export type ContactSecondFactor = { app: boolean; passkey: boolean; meetsPolicy: boolean };

/** One contact against the account's second-factor rule: what they set up, and whether it meets the rule. */
export function FactorCompliance({ factors }: { factors: ContactSecondFactor }) {
  const { t } = useTranslation();
  const setUp = [factors.app && t('factorPolicy.factors.app'), factors.passkey && t('factorPolicy.factors.passkey')].filter(Boolean).join(', ');
  return (
    <Stack gap={4} align="flex-start">
      <Badge color={factors.meetsPolicy ? 'teal.9' : 'red.9'} variant="filled" tt="none" radius="sm">
        {factors.meetsPolicy ? t('factorPolicy.meets') : t('factorPolicy.fails')}
      </Badge>
      <Text size="sm">{setUp || t('factorPolicy.factors.emailOnly')}</Text>
    </Stack>
  );
}
