import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { fullName, useSession } from '../../../lib/session.ts';
import { useDecideRegistration, useRegistrationRequest, type RegistrationRequest } from '../api/registration.ts';
import { DecisionButtons } from '../components/DecisionButtons.tsx';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { RequestDetails } from '../components/RequestDetails.tsx';
import { StateBadge } from '../components/StateBadge.tsx';

/** "Registration Request": its state, the applicant, and Approve / Reject for those who may decide. */
export function RegistrationRequestPage() {
  const { t } = useTranslation();
  const number = (useParams().number ?? '').toUpperCase();
  const request = useRegistrationRequest(number);

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <PageHeading>{t('registration.request.title')}</PageHeading>
        <Text fw={600} ff="monospace" mt={-8}>
          {number}
        </Text>
      </div>
      {request.isPending ? (
        <PageLoader />
      ) : request.isError ? (
        <ErrorAlert error={request.error} onRetry={() => void request.refetch()} />
      ) : (
        <RequestView request={request.data} />
      )}
      <Anchor component={Link} to="/registration-requests">
        {t('registration.request.viewAll')}
      </Anchor>
    </Stack>
  );
}

function RequestView({ request }: { request: RegistrationRequest }) {
  const { t, i18n } = useTranslation();
  const timeZone = useSession().data?.person?.timeZone;
  const decide = useDecideRegistration(request.number);
  const [decision, setDecision] = useState<'approve' | 'reject' | null>(null);
  const when = (epochMs: number) => formatDateTime(epochMs, i18n.language, timeZone);
  const applicantName = fullName(request);

  const onDecide = (choice: 'approve' | 'reject') => {
    setDecision(choice);
    decide.mutate(choice);
  };

  const status = [
    { label: t('registration.request.state'), value: <StateBadge state={request.state} /> },
    { label: t('registration.request.created'), value: when(request.createdAt) },
  ];
  if (request.state !== 'requested' && request.decidedAt !== null) {
    const key = request.state === 'approved' ? 'registration.request.approvedBy' : 'registration.request.rejectedBy';
    status.push({ label: t('registration.request.decided'), value: t(key, { name: request.decidedBy ?? '', date: when(request.decidedAt) }) });
  }

  return (
    <Stack gap="lg">
      {request.canDecide && (
        <Alert color="blue" variant="light" role="note">
          <Text fw={600}>{t('registration.request.requiresApproval')}</Text>
        </Alert>
      )}
      <DetailsTable rows={status} />
      {decide.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {decide.data.state === 'approved' ? t('registration.request.approvedNotice', { name: applicantName }) : t('registration.request.rejectedNotice')}
        </Alert>
      )}
      {decide.isError && <ErrorAlert error={decide.error} />}
      {request.canDecide && <DecisionButtons applicantName={applicantName} busy={decide.isPending ? decision : null} onDecide={onDecide} />}
      <RequestDetails request={request} />
    </Stack>
  );
}
