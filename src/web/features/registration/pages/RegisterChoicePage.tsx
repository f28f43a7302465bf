import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CardLink } from '../../../components/CardLink.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';

/** "Customer Support Portal Registration": the guide's two ways in. */
export function RegisterChoicePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('registration.choice.title')}</PageHeading>
        <Text>{t('registration.choice.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <CardLink to="/register/form" title={t('registration.choice.withIdentifier')} text={t('registration.choice.withIdentifierText')} />
        <CardLink to="/register/help" title={t('registration.choice.help')} text={t('registration.choice.helpText')} />
      </SimpleGrid>
    </Stack>
  );
}
