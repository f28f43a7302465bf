import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../api/cases.ts';
import { stateLabel } from '../labels.ts';

// Dark shades only: white text on each stays above 4.5:1 contrast.
const colors: Record<CaseState, string> = {
  new: 'blue.9',
  work_in_progress: 'indigo.9',
  awaiting_info: '#9c4200',
  resolved: 'teal.9',
  closed: 'gray.8',
  cancelled: 'red.9',
};

/** A case's state, translated: New, Work in Progress, Awaiting Info, Resolved, Closed or Cancelled. */
export function CaseStateBadge({ state, size = 'md' }: { state: CaseState; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[state]} variant="filled" tt="none" size={size} radius="sm" style={{ whiteSpace: 'nowrap' }}>
      {stateLabel(t, state)}
    </Badge>
  );
}
