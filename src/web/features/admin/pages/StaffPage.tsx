import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useSession } from '../../../lib/session.ts';
import { useStaff } from '../api/staff.ts';
import { CreateStaffForm } from '../components/CreateStaffForm.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { StaffTable } from '../components/StaffTable.tsx';

/** "Staff": the vendor's agents and administrators. */
export function StaffPage() {
  const { t } = useTranslation();
  const viewerId = useSession().data?.person?.id;
  const staff = useStaff();
  const items = staff.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.staff.title')}</PageHeading>
        <Text>{t('admin.staff.intro')}</Text>
      </div>
      <section aria-labelledby="new-staff-heading">
        <Title order={2} size="h3" id="new-staff-heading" mb="sm">
          {t('admin.staff.newHeading')}
        </Title>
        <CreateStaffForm />
      </section>
      <section aria-labelledby="staff-heading">
        <Title order={2} size="h3" id="staff-heading" mb="sm">
          {t('admin.staff.listHeading')}
        </Title>
        <Stack gap="md">
          {staff.isPending ? (
            <PageLoader />
          ) : staff.isError ? (
            <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} />
          ) : (
            <StaffTable staff={items} viewerId={viewerId} />
          )}
          <LoadMore list={staff} />
        </Stack>
      </section>
    </Stack>
  );
}
