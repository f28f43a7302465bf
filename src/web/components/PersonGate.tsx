import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useSession, type Person } from '../lib/session.ts';
import { PageHeading } from './PageHeading.tsx';

/**
 * Pages for some people only (contacts, staff, administrators), below RequireActive. Anyone else
 * reads that the page is not for them; the server refuses their requests anyway.
 */
export function RequirePerson({ allow }: { allow: (person: Person) => boolean }) {
  const person = useSession().data?.person;
  if (person && allow(person)) return <Outlet />;
  return <NotForYou />;
}

function NotForYou() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeading>{t('notForYou.title')}</PageHeading>
      <Text>{t('notForYou.text')}</Text>
      <Anchor component={Link} to="/">
        {t('notFound.home')}
      </Anchor>
    </Stack>
  );
}
