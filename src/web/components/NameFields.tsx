import { SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The two name fields in the order the page's language writes a name: 姓 before 名 in Japanese. */
export function NameFields({ firstName, lastName }: { firstName: ReactNode; lastName: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      {i18n.language === 'ja' ? [lastName, firstName] : [firstName, lastName]}
    </SimpleGrid>
  );
}
