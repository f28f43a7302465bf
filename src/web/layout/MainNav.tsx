import { Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavItem } from './navigation.ts';

type Props = { items: NavItem[]; vertical?: boolean; onNavigate?: () => void };

/** The main menu as links; the current page's link carries aria-current="page". */
export function MainNav({ items, vertical = false, onNavigate }: Props) {
  const { t } = useTranslation();
  const links = items.map((item) => (
    <NavLink key={item.to} to={item.to} className="nav-link" onClick={onNavigate}>
      {t(item.labelKey)}
    </NavLink>
  ));
  return (
    <nav aria-label={t('layout.mainNav')}>
      {vertical ? (
        <Stack gap="xs">{links}</Stack>
      ) : (
        <Group gap={4} wrap="wrap">
          {links}
        </Group>
      )}
    </nav>
  );
}
