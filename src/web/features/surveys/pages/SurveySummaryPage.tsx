import { Group, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useSurveySummary } from '../api/surveys.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** "Survey results" for staff: how many contacts answered, and the average answer per question. */
export function SurveySummaryPage() {
  const { t, i18n } = useTranslation();
  const summary = useSurveySummary();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('surveys.summary.title')}</PageHeading>
        <Text>{t('surveys.summary.intro')}</Text>
      </div>
      {summary.isPending ? (
        <PageLoader />
      ) : summary.isError ? (
        <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Figure label={t('surveys.summary.responseRate')} value={percent.format(summary.data.responseRate)} />
            <Figure label={t('surveys.summary.answered')} value={String(summary.data.answered)} />
            <Figure label={t('surveys.summary.total')} value={String(summary.data.total)} />
          </SimpleGrid>
          <ResponsiveTable minWidth={560} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('surveys.summary.question')}</Table.Th>
                  <Table.Th scope="col">{t('surveys.summary.average')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.data.averages.map((row) => (
                  <Table.Tr key={row.question}>
                    <Table.Th scope="row" fw={500}>
                      {t(`surveys.questions.${row.question}`)}
                    </Table.Th>
                    <Table.Td>
                      {row.average === null ? (
                        t('surveys.summary.noAnswers')
                      ) : (
                        <Group gap="sm" wrap="nowrap">
                          <Text style={{ whiteSpace: 'nowrap' }}>{t('surveys.summary.outOf5', { value: decimal.format(row.average) })}</Text>
                          <Progress value={(row.average / 5) * 100} w={120} aria-hidden />
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ResponsiveTable>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}
