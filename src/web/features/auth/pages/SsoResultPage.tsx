import { Alert, Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Msg } from '../../../lib/errors.tsx';
import { AuthPanel } from '../components/AuthPanel.tsx';

/** How a single sign-on that did not end signed in ended, as the server's callback names it. */
const OUTCOMES = ['requested', 'pending', 'no_approver', 'expired', 'cancelled', 'unverified', 'deactivated', 'locked', 'unavailable', 'refused'] as const;
type Outcome = (typeof OUTCOMES)[number];
const WAITING: readonly Outcome[] = ['requested', 'pending'];

/**
 * Where the provider's answer lands when it does not sign the person in: a registration request
 * that waits for approval, or why the portal refused, with the way back to the login page (where
 * the vendor's staff and anyone with a password sign in as before).
 */
export function SsoResultPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const given = params.get('outcome');
  const outcome: Outcome = OUTCOMES.find((known) => known === given) ?? 'refused';
  const waiting = WAITING.includes(outcome);
  return (
    <AuthPanel title={t('sso.result.title')}>
      <Alert color={waiting ? 'green' : 'red'} variant="light" role={waiting ? 'status' : 'alert'}>
        <Msg k={`sso.result.${outcome}`} />
      </Alert>
      <Group justify="space-between">
        <Anchor component={Link} to="/login">
          {t('sso.result.backToLogin')}
        </Anchor>
        {outcome === 'no_approver' && (
          <Anchor component={Link} to="/register/help">
            {t('sso.result.getHelp')}
          </Anchor>
        )}
      </Group>
    </AuthPanel>
  );
}
