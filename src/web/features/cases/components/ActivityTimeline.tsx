import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { personName, type NameParts } from '../../../../shared/names.ts';
import { useDateTime, useFileSize } from '../../../lib/useFormat.ts';
import type { Activity, Attachment, CaseState } from '../api/cases.ts';
import { priorityLabel, stateLabel } from '../labels.ts';

/**
 * "Case Activity", newest first, right under the comment box, so what was just sent shows where
 * it was written. Everything people typed is shown as text, never as markup.
 */
export function ActivityTimeline({ entries }: { entries: Activity[] }) {
  const { t } = useTranslation();
  const newestFirst = [...entries].reverse();
  return (
    <ol className="activity" aria-label={t('cases.activity.listLabel')}>
      {newestFirst.map((entry) => (
        <li key={entry.id}>
          <ActivityEntry entry={entry} />
        </li>
      ))}
    </ol>
  );
}

function ActivityEntry({ entry }: { entry: Activity }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const internal = entry.kind === 'work_note';
  const solution = entry.kind === 'comment' && entry.detail.solution === true;
  return (
    <Paper withBorder p="sm" radius="sm" className="activity-entry" data-kind={entry.kind} data-internal={internal || undefined} data-solution={solution || undefined}>
      <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm">
            {entry.author?.name ?? t('cases.activity.system')}
          </Text>
          {entry.author?.staff && (
            <Badge size="sm" color="blue.9" variant="filled" tt="none" radius="sm">
              {t('cases.activity.support')}
            </Badge>
          )}
          {internal && (
            <Badge size="sm" color="#8a5a00" variant="filled" tt="none" radius="sm">
              {t('cases.activity.workNote')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          <time dateTime={new Date(entry.createdAt).toISOString()}>{when(entry.createdAt)}</time>
        </Text>
      </Group>
      <EntryContent entry={entry} />
      {entry.attachments.length > 0 && <SentFiles files={entry.attachments} />}
    </Paper>
  );
}

/** The text a person wrote: line breaks kept, never interpreted as markup. */
function Body({ text }: { text: string }) {
  return <Text className="pre-wrap">{text}</Text>;
}

function Label({ children }: { children: ReactNode }) {
  return (
    <Text fw={600} size="sm" mb={4}>
      {children}
    </Text>
  );
}

const caseLink = (number: string) => <Anchor component={Link} to={`/cases/${number}`} />;

/** The files sent with a comment, listed on it. */
function SentFiles({ files }: { files: Attachment[] }) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  return (
    <Stack component="ul" gap={2} mt={6} aria-label={t('cases.activity.sentFiles')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {files.map((file) => (
        <li key={file.id}>
          <Anchor href={`/api/attachments/${file.id}`} download={file.name} className="pre-wrap">
            {file.name}
          </Anchor>{' '}
          <Text span size="sm" c="dimmed">
            ({fileSize(file.size)})
          </Text>
        </li>
      ))}
    </Stack>
  );
}

/** Assignments record the assignee's name parts; older entries recorded the name as one string. */
function assigneeName(assignee: unknown, language: string): string {
  return typeof assignee === 'string' ? assignee : personName(assignee as NameParts, language);
}

function EntryContent({ entry }: { entry: Activity }) {
  const { t, i18n } = useTranslation();
  const fileSize = useFileSize();
  const state = (value: CaseState | null) => (value ? stateLabel(t, value) : '');
  const detail = entry.detail;

  switch (entry.kind) {
    case 'created':
      return (
        <>
          <Text>{t('cases.activity.created')}</Text>
          {typeof detail.followUpOf === 'string' && (
            <Text size="sm">
              <Trans i18nKey="cases.activity.createdFollowUp" values={{ number: detail.followUpOf }} components={{ num: caseLink(detail.followUpOf) }} />
            </Text>
          )}
        </>
      );
    case 'comment': {
      const label = detail.solution
        ? t('cases.activity.solution')
        : detail.rejection
          ? t('cases.activity.rejection')
          : detail.closingNotes
            ? t('cases.activity.closingNotes')
            : detail.closing
              ? t('cases.activity.closingComment')
              : null;
      return (
        <>
          {label && <Label>{label}</Label>}
          <Body text={entry.body} />
        </>
      );
    }
    case 'work_note':
      return <Body text={entry.body} />;
    case 'state_change': {
      const action = typeof detail.action === 'string' ? detail.action : '';
      const note =
        action === 'customer_close'
          ? t('cases.activity.closedByCustomer')
          : action === 'auto_close'
            ? t('cases.activity.closedAutomatically')
            : action === 'accept_solution'
              ? t('cases.activity.solutionAccepted')
              : null;
      return (
        <>
          <Text>{t('cases.activity.stateChanged', { from: state(entry.fromState), to: state(entry.toState) })}</Text>
          {note && (
            <Text size="sm" fw={500}>
              {note}
            </Text>
          )}
        </>
      );
    }
    case 'attachment':
      return entry.attachment ? (
        <Text>
          {t('cases.activity.attached')}{' '}
          <Anchor href={`/api/attachments/${entry.attachment.id}`} download={entry.attachment.name} className="pre-wrap">
            {entry.attachment.name}
          </Anchor>{' '}
          <Text span size="sm" c="dimmed">
            ({fileSize(entry.attachment.size)})
          </Text>
        </Text>
      ) : (
        <Text>{t('cases.activity.attached')}</Text>
      );
    case 'priority_change':
      return (
        <Text>
          {t('cases.activity.priorityChanged', { from: priorityLabel(t, Number(detail.from)), to: priorityLabel(t, Number(detail.to)) })}
        </Text>
      );
    case 'assignment':
      return <Text>{detail.assignee ? t('cases.activity.assigned', { name: assigneeName(detail.assignee, i18n.language) }) : t('cases.activity.unassigned')}</Text>;
    case 'sla_recomputed':
      return <SlaRecomputed detail={detail} />;
    case 'follow_up':
      return typeof detail.followUp === 'string' ? (
        <Text>
          <Trans i18nKey="cases.activity.followUpCreated" values={{ number: detail.followUp }} components={{ num: caseLink(detail.followUp) }} />
        </Text>
      ) : null;
    default:
      return entry.body ? <Body text={entry.body} /> : null;
  }
}

/** The due times a new priority or new targets gave the case; "none" where no target applies now. */
function SlaRecomputed({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const due = (at: unknown) => (typeof at === 'number' ? when(at) : t('cases.activity.slaNoDue'));
  return (
    <Text>
      {t(detail.reason === 'priority' ? 'cases.activity.slaRecomputedPriority' : 'cases.activity.slaRecomputedTargets')}{' '}
      {t('cases.activity.slaDueTimes', { firstResponse: due(detail.firstResponseDueAt), resolution: due(detail.resolutionDueAt) })}
    </Text>
  );
}
