import { Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useAuditTrail, type AuditFilters } from '../api/audit.ts';
import { AuditFilterForm } from '../components/AuditFilterForm.tsx';
import { AuditTable } from '../components/AuditTable.tsx';

/** "Audit trail" for vendor administrators: sign-ins, registrations and changes, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const trail = useAuditTrail(filters);
  const events = trail.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.audit.title')}</PageHeading>
        <Text>{t('admin.audit.intro')}</Text>
      </div>
      <AuditFilterForm onApply={setFilters} />
      <Stack component="section" aria-labelledby="audit-events-heading" gap="sm">
        <Title order={2} size="h3" id="audit-events-heading">
          {t('admin.audit.events')}
        </Title>
        {trail.isPending ? (
          <PageLoader />
        ) : trail.isError ? (
          <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} />
        ) : events.length === 0 ? (
          <Text>{t('admin.audit.empty')}</Text>
        ) : (
          <>
            <AuditTable events={events} />
            {trail.hasNextPage && (
              <Button variant="default" onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
                {t('admin.audit.more')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Stack>
  );
}
