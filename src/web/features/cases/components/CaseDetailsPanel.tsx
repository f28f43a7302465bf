import { Anchor, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { CaseDetail } from '../api/cases.ts';
import { priorityLabel } from '../labels.ts';
import { CaseStateBadge } from './CaseStateBadge.tsx';
import { SlaTargetValue } from './SlaTime.tsx';

/** The case's details, dates in the viewer's time zone, and the follow-up links both ways. */
export function CaseDetailsPanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const rows = [
    { label: t('cases.details.number'), value: kase.number },
    { label: t('cases.details.state'), value: <CaseStateBadge state={kase.state} /> },
    { label: t('cases.details.account'), value: kase.accountName },
    { label: t('cases.details.contact'), value: kase.contact.name },
    { label: t('cases.details.type'), value: t(`cases.types.${kase.type}`) },
    { label: t('cases.details.product'), value: kase.productName ?? t('cases.noProduct') },
    { label: t('cases.details.priority'), value: priorityLabel(t, kase.priority) },
    { label: t('cases.details.assignee'), value: kase.assignee?.name ?? t('cases.unassigned') },
    { label: t('cases.details.created'), value: when(kase.createdAt) },
    { label: t('cases.details.updated'), value: when(kase.updatedAt) },
  ];
  if (kase.resolvedAt !== null) rows.push({ label: t('cases.details.resolved'), value: when(kase.resolvedAt) });
  if (kase.sla.firstResponse) rows.push({ label: t('sla.firstResponseDue'), value: <SlaTargetValue target={kase.sla.firstResponse} /> });
  if (kase.sla.resolution) rows.push({ label: t('sla.resolutionTarget'), value: <SlaTargetValue target={kase.sla.resolution} /> });
  if (kase.closedAt !== null) rows.push({ label: t(kase.state === 'cancelled' ? 'cases.details.cancelled' : 'cases.details.closed'), value: when(kase.closedAt) });

  return (
    <Stack gap="xs">
      <DetailsTable rows={rows} compact />
      {kase.followUpOf && (
        <Text>
          <Trans i18nKey="cases.details.followUpOf" values={{ number: kase.followUpOf }} components={{ num: <Anchor component={Link} to={`/cases/${kase.followUpOf}`} /> }} />
        </Text>
      )}
      {kase.followUps.length > 0 && (
        <Text>
          {t('cases.details.followUps')}{' '}
          {kase.followUps.map((number, index) => (
            <Fragment key={number}>
              {index > 0 && ', '}
              <Anchor component={Link} to={`/cases/${number}`}>
                {number}
              </Anchor>
            </Fragment>
          ))}
        </Text>
      )}
    </Stack>
  );
}
