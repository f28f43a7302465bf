import { SimpleGrid, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CardLink } from '../../../components/CardLink.tsx';

type Area = { to: string; card: 'answers' | 'help' | 'contact' | 'signIn' | 'access' | 'cases' | 'newCase' | 'queue' };

const visitorAreas: Area[] = [
  { to: '/kb', card: 'answers' },
  { to: '/login', card: 'signIn' },
  { to: '/register', card: 'access' },
  { to: '/help', card: 'help' },
  { to: '/contact-us', card: 'contact' },
];

const staffAreas: Area[] = [
  { to: '/queue', card: 'queue' },
  { to: '/kb', card: 'answers' },
  { to: '/help', card: 'help' },
];

const signedInAreas: Area[] = [
  { to: '/my-cases', card: 'cases' },
  { to: '/create-case', card: 'newCase' },
  { to: '/kb', card: 'answers' },
  { to: '/help', card: 'help' },
  { to: '/contact-us', card: 'contact' },
];

/**
 * Short cards into the main areas. Their titles differ from the menu's labels on purpose, so a
 * link named "Knowledge Base" stays the menu's one.
 */
export function AreaCards({ signedIn, staff = false }: { signedIn: boolean; staff?: boolean }) {
  const { t } = useTranslation();
  const areas = staff ? staffAreas : signedIn ? signedInAreas : visitorAreas;
  return (
    <section aria-labelledby="areas-heading">
      <Title order={2} id="areas-heading" size="h3" mb="md">
        {t('home.areasHeading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {areas.map((area) => (
          <CardLink key={area.card} to={area.to} title={t(`home.cards.${area.card}.title`)} text={t(`home.cards.${area.card}.text`)} headingOrder={3} />
        ))}
      </SimpleGrid>
    </section>
  );
}
