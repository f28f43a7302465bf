import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CardLink } from '../../../components/CardLink.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';

const AREAS = [
  { to: '/admin/accounts', key: 'accounts' },
  { to: '/admin/staff', key: 'staff' },
  { to: '/admin/products', key: 'products' },
  { to: '/admin/registration-requests', key: 'registrations' },
  { to: '/admin/registration-help', key: 'help' },
  { to: '/admin/settings', key: 'settings' },
  { to: '/admin/audit', key: 'audit' },
] as const;

/** "Administration": where a vendor administrator finds each thing they manage. */
export function AdministrationPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.overview.title')}</PageHeading>
        <Text>{t('admin.overview.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {AREAS.map((area) => (
          <CardLink key={area.to} to={area.to} title={t(`admin.nav.${area.key}`)} text={t(`admin.overview.${area.key}`)} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
