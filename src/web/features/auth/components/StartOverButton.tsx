import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../../../lib/session.ts';

/** Abandons a sign-in under way (ends its session on the server) and returns to the login form. */
export function StartOverButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [busy, setBusy] = useState(false);

  const startOver = async () => {
    setBusy(true);
    try {
      await logout();
      await navigate('/login', { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button variant="default" onClick={() => void startOver()} loading={busy} style={{ alignSelf: 'flex-start' }}>
      {t('login.startOver')}
    </Button>
  );
}
