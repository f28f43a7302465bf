import { Box, Group, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../api/cases.ts';
import { stateLabel } from '../labels.ts';

/**
 * The guide's state bar: the path a case takes, with Awaiting Info only while the case waits on the
 * customer, and a cancelled case ending at Cancelled. Earlier steps count as passed.
 */
export function stepsFor(state: CaseState): CaseState[] {
  if (state === 'cancelled') return ['new', 'cancelled'];
  if (state === 'awaiting_info') return ['new', 'work_in_progress', 'awaiting_info', 'resolved', 'closed'];
  return ['new', 'work_in_progress', 'resolved', 'closed'];
}

/** New → Work in Progress → Resolved → Closed, the current step marked for eyes and screen readers. */
export function CaseStateBar({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  const steps = stepsFor(state);
  const current = steps.indexOf(state);
  return (
    <Box component="nav" aria-label={t('cases.stateBar.label')}>
      <Group component="ol" gap={6} wrap="wrap" className="state-bar">
        {steps.map((step, index) => {
          const status = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <Group component="li" key={step} gap={6} wrap="nowrap" className="state-bar-step" data-status={status} aria-current={status === 'current' ? 'step' : undefined}>
              <ThemeIcon size={22} radius="xl" variant={status === 'todo' ? 'outline' : 'filled'} color={status === 'todo' ? 'gray.7' : 'blue.8'} aria-hidden>
                <Text size="xs" fw={700} c={status === 'todo' ? 'gray.8' : 'white'}>
                  {status === 'done' ? '✓' : index + 1}
                </Text>
              </ThemeIcon>
              <Text size="sm" fw={status === 'current' ? 700 : 400}>
                {stateLabel(t, step)}
                {status !== 'todo' && <span className="visually-hidden">{t(`cases.stateBar.${status}`)}</span>}
              </Text>
            </Group>
          );
        })}
      </Group>
    </Box>
  );
}
