import { Anchor, Box, Burger, Button, Container, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fullName, type Session } from '../lib/session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MainNav } from './MainNav.tsx';
import { navItemsFor } from './navigation.ts';

/**
 * Only a signed-in person has the menu, and its popover code (floating-ui) is a large part of
 * Mantine: it is fetched when first shown, not with every visitor's first page (issue 22).
 */
const UserMenu = lazy(() => import('./UserMenu.tsx').then((module) => ({ default: module.UserMenu })));
/**
 * The drawer's code (Mantine's modal base, focus trap, scroll lock and scroll area, which brings
 * floating-ui) is fetched when the menu button is first pressed: about 25 KB gzip of every
 * visitor's first page, phones or not (issue 22).
 */
const NavDrawer = lazy(() => import('./NavDrawer.tsx').then((module) => ({ default: module.NavDrawer })));

/** The banner of every page: brand, main menu (a drawer on narrow screens), language, user menu. */
export function SiteHeader({ session }: { session: Session | undefined }) {
  const { t } = useTranslation();
  const [drawerOpen, drawer] = useDisclosure(false);
  // Mounted from the first press on, so it can close with its transition.
  const [drawerUsed, setDrawerUsed] = useState(false);
  // A press on the user menu's stand-in is kept, so the menu opens once its code has arrived; its
  // first close forgets it, or the next sign-in in this tab would open the menu by itself.
  const [userMenuPressed, setUserMenuPressed] = useState(false);
  const toggleDrawer = () => {
    setDrawerUsed(true);
    drawer.toggle();
  };
  const items = navItemsFor(session);
  const person = session?.stage === 'active' ? session.person : null;

  return (
    <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Container size="lg" py="sm">
        {/* On a phone the brand and the menu button take the first row (the button under the right
            thumb), and language and user menu wrap to the second rather than squeezing it. */}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="lg" wrap="nowrap" w={{ base: '100%', md: 'auto' }}>
            <Anchor component={Link} to="/" fw={800} fz="xl" c="blue.9" underline="never">
              {t('app.name')}
            </Anchor>
            <Box visibleFrom="md">
              <MainNav items={items} />
            </Box>
            <Burger hiddenFrom="md" ml="auto" opened={drawerOpen} onClick={toggleDrawer} aria-label={t('layout.openMenu')} size="md" />
          </Group>
          <Group gap="sm" wrap="nowrap" ml="auto">
            <LanguageSwitch />
            {person && (
              // Its button meanwhile, so the header does not shift when the menu's code arrives.
              <Suspense
                fallback={
                  <Button variant="default" size="sm" aria-haspopup="menu" loading={userMenuPressed} onClick={() => setUserMenuPressed(true)}>
                    {fullName(person)}
                  </Button>
                }
              >
                <UserMenu person={person} openAtOnce={userMenuPressed} onClose={() => setUserMenuPressed(false)} />
              </Suspense>
            )}
          </Group>
        </Group>
      </Container>
      {drawerUsed && (
        <Suspense fallback={null}>
          <NavDrawer items={items} opened={drawerOpen} onClose={drawer.close} />
        </Suspense>
      )}
    </Box>
  );
}
