import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { CaseSummary, SlaTarget } from '../api/cases.ts';

/** A span of minutes as hours and minutes ("2 h 5 min"), in the viewer's language. */
function useSpan() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const whole = Math.abs(Math.round(minutes));
    const hours = Math.floor(whole / 60);
    const rest = whole % 60;
    return hours > 0 ? t('sla.span.hoursMinutes', { hours, minutes: rest }) : t('sla.span.minutes', { minutes: rest });
  };
}

/**
 * The Queue's "Time left": clock time until the earliest due time, or how long ago it passed with a
 * "Breached" badge, so a breach is said in words and not by colour alone.
 */
export function SlaTimeLeft({ item }: { item: CaseSummary }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const span = useSpan();
  if (item.slaDueAt === null || item.slaMinutesLeft === null) return <Text span c="dimmed">{t('sla.none')}</Text>;
  return (
    <Group gap={6} wrap="nowrap" title={t('sla.dueAt', { time: when(item.slaDueAt) })}>
      {item.slaBreached && (
        <Badge color="red.9" variant="filled" radius="sm" size="sm" tt="none">
          {t('sla.breached')}
        </Badge>
      )}
      <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
        {item.slaBreached ? t('sla.overdueBy', { span: span(item.slaMinutesLeft) }) : t('sla.left', { span: span(item.slaMinutesLeft) })}
      </Text>
    </Group>
  );
}

/** One target on the case page: its due time in the viewer's time zone and whether it was met. */
export function SlaTargetValue({ target }: { target: SlaTarget }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const span = useSpan();
  const due = target.dueAt === null ? null : when(target.dueAt);
  const status = {
    running: t('sla.status.running', { span: span(target.minutesLeft) }),
    paused: t('sla.status.paused', { span: span(target.minutesLeft) }),
    breached: t('sla.status.breached'),
    met: t('sla.status.met'),
    missed: t('sla.status.missed'),
    stopped: t('sla.status.stopped'),
  }[target.status];
  return (
    <Group gap={6} wrap="wrap">
      {due && <Text span>{due}</Text>}
      <Badge variant={target.status === 'breached' || target.status === 'missed' ? 'filled' : 'outline'} color={target.status === 'breached' || target.status === 'missed' ? 'red.9' : target.status === 'met' ? 'green.9' : 'gray.8'} radius="sm" tt="none" data-sla-status={target.status}>
        {status}
      </Badge>
    </Group>
  );
}
