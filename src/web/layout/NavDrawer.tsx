import { Drawer } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MainNav } from './MainNav.tsx';
import type { NavItem } from './navigation.ts';

type Props = { items: NavItem[]; opened: boolean; onClose: () => void };

/** The main menu on narrow screens. */
export function NavDrawer({ items, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    // Composed so its header is a div: a second <header> would be a second banner landmark.
    <Drawer.Root opened={opened} onClose={onClose} hiddenFrom="md" size="xs">
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header component="div">
          <Drawer.Title>{t('layout.menuTitle')}</Drawer.Title>
          <Drawer.CloseButton aria-label={t('common.close')} />
        </Drawer.Header>
        <Drawer.Body>
          <MainNav items={items} vertical onNavigate={onClose} />
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
