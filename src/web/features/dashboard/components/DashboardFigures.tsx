import { BarChart, LineChart } from '@mantine/charts';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import type { Dashboard, TargetFigures } from '../api/dashboard.ts';
import { ChartSection, type FigureTable } from './ChartSection.tsx';

const PRIORITY_KEYS = ['critical', 'high', 'moderate', 'low'] as const;
const CHART_HEIGHT = 260;
/** The table beside each chart is what keyboards and screen readers use: the chart takes no focus. */
const NOT_FOCUSABLE = { accessibilityLayer: false };

/** Business minutes as hours and minutes ("2 h 05 min", "2時間05分"); a dash for none. */
function duration(t: TFunction, minutes: number | null): string {
  if (minutes === null) return '—';
  const rounded = Math.round(minutes);
  return t('dashboard.duration', { hours: Math.floor(rounded / 60), minutes: String(rounded % 60).padStart(2, '0') });
}

/** Met of reached, with the share in whole percent ("2 of 3 (67%)"); a dash when none was reached. */
function metShare(t: TFunction, figures: TargetFigures): string {
  if (figures.reached === 0) return '—';
  return t('dashboard.targets.metShare', { met: figures.met, reached: figures.reached, percent: Math.round((figures.met / figures.reached) * 100) });
}

/** Every chart of the dashboard, each with its table and CSV; the latest survey comments as a list. */
export function DashboardFigures({ figures }: { figures: Dashboard }) {
  const { t, i18n } = useTranslation();
  const when = useDateTime();
  const priority = (value: number) => t(`cases.priorities.${PRIORITY_KEYS[value - 1] ?? 'moderate'}`);
  const count = t('dashboard.columns.count');
  // File names stay ASCII in both languages: some mail and file-sharing tools mangle others.
  const name = (chart: string) => `${chart}-${figures.account ? `account-${figures.account.id}` : 'all-accounts'}-${figures.period.from}-${figures.period.to}.csv`;
  const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);
  const average = (value: number | null) => (value === null ? '—' : value.toLocaleString(i18n.language, { maximumFractionDigits: 2 }));

  const byState: FigureTable = { headers: [t('dashboard.columns.state'), count], rows: figures.openCases.byState.map((row) => [t(`cases.states.${row.state}`), row.count]) };
  const byPriority: FigureTable = { headers: [t('dashboard.columns.priority'), count], rows: figures.openCases.byPriority.map((row) => [priority(row.priority), row.count]) };
  const byProduct: FigureTable = {
    headers: [t('dashboard.columns.product'), count],
    rows: figures.openCases.byProduct.map((row) => [row.productName ?? t('dashboard.noProduct'), row.count]),
  };
  const perWeek: FigureTable = {
    headers: [t('dashboard.columns.week'), t('dashboard.columns.opened'), t('dashboard.columns.closed')],
    rows: figures.weeks.map((week) => [week.weekStart, week.opened, week.closed]),
  };
  const targetTable = (target: 'firstResponse' | 'resolution'): FigureTable => ({
    headers: [t('dashboard.columns.priority'), t('dashboard.columns.median'), t('dashboard.columns.target'), t('dashboard.columns.met')],
    rows: figures.targets.map((row) => [
      priority(row.priority),
      duration(t, row[target].medianMinutes),
      row[target].targetMinutes === null ? t('dashboard.targets.none') : duration(t, row[target].targetMinutes),
      metShare(t, row[target]),
    ]),
  });
  const satisfaction: FigureTable = {
    headers: [t('dashboard.columns.week'), t('dashboard.columns.answered'), t('dashboard.columns.satisfaction')],
    rows: figures.surveys.weeks.map((week) => [week.weekStart, week.answered, average(week.averageSatisfaction)]),
  };
  const targetChart = (target: 'firstResponse' | 'resolution') => (
    <BarChart
            barChartProps={NOT_FOCUSABLE}
      h={CHART_HEIGHT}
      data={figures.targets.map((row) => ({ label: priority(row.priority), median: hours(row[target].medianMinutes), target: hours(row[target].targetMinutes) }))}
      dataKey="label"
      unit={t('dashboard.hoursUnit')}
      withLegend
      series={[
        { name: 'median', label: t('dashboard.columns.median'), color: 'blue.6' },
        { name: 'target', label: t('dashboard.columns.target'), color: 'gray.5' },
      ]}
    />
  );

  return (
    <Stack gap="lg">
      <Text>{t('dashboard.openTotal', { count: figures.openCases.total })}</Text>
      <ChartSection
        title={t('dashboard.charts.byState')}
        caption={t('dashboard.captions.byState')}
        fileName={name('open-cases-by-state')}
        table={byState}
        chart={<BarChart barChartProps={NOT_FOCUSABLE} h={CHART_HEIGHT} data={byState.rows.map(([label, value]) => ({ label, value }))} dataKey="label" series={[{ name: 'value', label: count, color: 'blue.6' }]} />}
      />
      <ChartSection
        title={t('dashboard.charts.byPriority')}
        caption={t('dashboard.captions.byPriority')}
        fileName={name('open-cases-by-priority')}
        table={byPriority}
        chart={<BarChart barChartProps={NOT_FOCUSABLE} h={CHART_HEIGHT} data={byPriority.rows.map(([label, value]) => ({ label, value }))} dataKey="label" series={[{ name: 'value', label: count, color: 'orange.6' }]} />}
      />
      <ChartSection
        title={t('dashboard.charts.byProduct')}
        caption={t('dashboard.captions.byProduct')}
        fileName={name('open-cases-by-product')}
        table={byProduct}
        chart={
          <BarChart
            barChartProps={NOT_FOCUSABLE}
            h={Math.max(CHART_HEIGHT, byProduct.rows.length * 28)}
            orientation="vertical"
            yAxisProps={{ width: 140 }}
            data={byProduct.rows.map(([label, value]) => ({ label, value }))}
            dataKey="label"
            series={[{ name: 'value', label: count, color: 'teal.6' }]}
          />
        }
      />
      <ChartSection
        title={t('dashboard.charts.perWeek')}
        caption={t('dashboard.captions.perWeek', { zone: figures.period.timeZone })}
        fileName={name('cases-per-week')}
        table={perWeek}
        chart={
          <BarChart
            barChartProps={NOT_FOCUSABLE}
            h={CHART_HEIGHT}
            data={figures.weeks}
            dataKey="weekStart"
            withLegend
            series={[
              { name: 'opened', label: t('dashboard.columns.opened'), color: 'blue.6' },
              { name: 'closed', label: t('dashboard.columns.closed'), color: 'green.7' },
            ]}
          />
        }
      />
      <ChartSection title={t('dashboard.charts.firstResponse')} caption={t('dashboard.captions.firstResponse')} fileName={name('first-response')} table={targetTable('firstResponse')} chart={targetChart('firstResponse')} />
      <ChartSection title={t('dashboard.charts.resolution')} caption={t('dashboard.captions.resolution')} fileName={name('resolution')} table={targetTable('resolution')} chart={targetChart('resolution')} />
      <ChartSection
        title={t('dashboard.charts.satisfaction')}
        caption={t('dashboard.captions.satisfaction')}
        fileName={name('satisfaction')}
        table={satisfaction}
        chart={
          <LineChart
            lineChartProps={NOT_FOCUSABLE}
            h={CHART_HEIGHT}
            data={figures.surveys.weeks}
            dataKey="weekStart"
            yAxisProps={{ domain: [1, 5] }}
            connectNulls
            series={[{ name: 'averageSatisfaction', label: t('dashboard.columns.satisfaction'), color: 'grape.6' }]}
          />
        }
      />
      <Card withBorder component="section" aria-labelledby="dashboard-comments">
        <Title order={2} size="h4" id="dashboard-comments" mb="sm">
          {t('dashboard.charts.comments')}
        </Title>
        {figures.surveys.latestComments.length === 0 ? (
          <Text c="dimmed">{t('dashboard.noComments')}</Text>
        ) : (
          <ResponsiveTable minWidth={600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.columns.answeredAt')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.columns.case')}</Table.Th>
                {!figures.account && <Table.Th scope="col">{t('dashboard.columns.account')}</Table.Th>}
                <Table.Th scope="col">{t('dashboard.columns.satisfaction')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.columns.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figures.surveys.latestComments.map((comment) => (
                <Table.Tr key={`${comment.caseNumber}-${comment.answeredAt}`}>
                  <Table.Td>{when(comment.answeredAt)}</Table.Td>
                  <Table.Td>{comment.caseNumber}</Table.Td>
                  {!figures.account && <Table.Td>{comment.accountName}</Table.Td>}
                  <Table.Td>{comment.satisfaction ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{comment.comment}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        )}
      </Card>
    </Stack>
  );
}
