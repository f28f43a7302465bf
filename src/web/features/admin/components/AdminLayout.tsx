import { Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

/** The administration pages; their own menu links each of them, the current one marked. */
const LINKS = [
  { to: '/admin', labelKey: 'admin.nav.overview', end: true },
  { to: '/admin/accounts', labelKey: 'admin.nav.accounts', end: false },
  { to: '/admin/dashboard', labelKey: 'admin.nav.dashboard', end: false },
  { to: '/admin/staff', labelKey: 'admin.nav.staff', end: false },
  { to: '/admin/products', labelKey: 'admin.nav.products', end: false },
  { to: '/admin/registration-requests', labelKey: 'admin.nav.registrations', end: false },
  { to: '/admin/registration-help', labelKey: 'admin.nav.help', end: false },
  { to: '/admin/settings', labelKey: 'admin.nav.settings', end: false },
  { to: '/admin/audit', labelKey: 'admin.nav.audit', end: false },
] as const;

export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <nav aria-label={t('admin.nav.label')}>
        <Group gap={4} wrap="wrap">
          {LINKS.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className="nav-link">
              {t(link.labelKey)}
            </NavLink>
          ))}
        </Group>
      </nav>
      <Outlet />
    </Stack>
  );
}
