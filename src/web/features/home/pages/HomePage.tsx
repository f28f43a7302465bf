import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KnowledgeSearchForm } from '../../../components/KnowledgeSearchForm.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { fullName, isStaff, useSession } from '../../../lib/session.ts';
import { AreaCards } from '../components/AreaCards.tsx';

/** The home page: a welcome, the knowledge base search box, and cards into the main areas. */
export function HomePage() {
  const { t } = useTranslation();
  const { data } = useSession();
  const person = data?.stage === 'active' ? data.person : null;

  return (
    <Stack gap="xl">
      <Paper p={{ base: 'md', sm: 'xl' }} radius="md" bg="blue.0">
        <PageHeading>{t('home.title')}</PageHeading>
        {person && (
          <Text size="lg" fw={600}>
            {t('home.greeting', { name: fullName(person) })}
          </Text>
        )}
        <Text size="lg" mb="lg">
          {isStaff(person) ? t('home.introStaff') : person ? t('home.introSignedIn') : t('home.intro')}
        </Text>
        <KnowledgeSearchForm />
      </Paper>
      <AreaCards signedIn={!!person} staff={isStaff(person)} />
    </Stack>
  );
}
