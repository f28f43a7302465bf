import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../api/registration.ts';

// Shade 9 keeps white text above 4.5:1 contrast.
const colors: Record<RegistrationState, string> = { requested: 'blue.8', approved: 'teal.9', rejected: 'red.9' };

/** A request's state, translated: Requested, Approved or Rejected. */
export function StateBadge({ state }: { state: RegistrationState }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[state]} variant="filled" tt="none" size="lg" radius="sm">
      {t(`registration.states.${state}`)}
    </Badge>
  );
}
