import { Drawer } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MainNav } from './MainNav.tsx';
import type { NavItem } from './navigation.ts';

type Props = { items: NavItem[]; opened: boolean; onClose: () => void };

/** The main menu on narrow screens. */
export function NavDrawer({ items, opened, onClose }: Props) {
  const { t } = useTranslation();
  // Mounted closed, then opened: it is first mounted by the press that opens it (its code is
  // fetched then), and Mantine notes where focus was, to return it on closing, only on a change.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    // Composed so its header is a div: a second <header> would be a second banner landmark.
    <Drawer.Root opened={opened && mounted} onClose={onClose} hiddenFrom="md" size="xs">
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
