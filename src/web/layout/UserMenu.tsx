import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canReviewRegistrations, fullName, isAccountAdmin, isAdmin, isStaff, useLogout, type Person } from '../lib/session.ts';
import { focusMain } from './focus.ts';

/**
 * The signed-in person's menu, named after them: registration requests (reviewers), contacts
 * (account administrators), survey results (staff), Administration (administrators), My Account
 * and Logout. `openAtOnce`: the person pressed its stand-in before this code arrived.
 */
export function UserMenu({ person, openAtOnce = false, onClose }: { person: Person; openAtOnce?: boolean; onClose?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [leaving, setLeaving] = useState(false);

  const logOut = async () => {
    setLeaving(true);
    try {
      // Home first, drawn at once (flushSync): it is public, so the protected page being left does
      // not see the session end and bounce to /login (a race the keyboard story caught).
      await navigate('/', { flushSync: true });
      await logout();
    } finally {
      setLeaving(false);
      // This menu is gone once signed out; on the home page already, no page change moves focus either.
      focusMain();
    }
  };

  return (
    <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false} defaultOpened={openAtOnce} onClose={onClose}>
      <Menu.Target>
        <Button variant="default" size="sm" loading={leaving}>
          {fullName(person)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {canReviewRegistrations(person) && (
          <Menu.Item component={Link} to="/registration-requests">
            {t('nav.registrationRequests')}
          </Menu.Item>
        )}
        {isAccountAdmin(person) && (
          <Menu.Item component={Link} to="/contacts">
            {t('nav.contacts')}
          </Menu.Item>
        )}
        {isStaff(person) && (
          <Menu.Item component={Link} to="/surveys/summary">
            {t('nav.surveyResults')}
          </Menu.Item>
        )}
        {isAdmin(person) && (
          <Menu.Item component={Link} to="/admin">
            {t('nav.administration')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/my-account">
          {t('nav.myAccount')}
        </Menu.Item>
        <Menu.Item onClick={() => void logOut()}>{t('nav.logout')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
