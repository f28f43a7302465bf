import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import '@mantine/charts/styles.css';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useSession } from '../../../lib/session.ts';
import { useDashboard } from '../api/dashboard.ts';
import { PRESETS, presetPeriod, type Preset } from '../period.ts';
import { DashboardFigures } from './DashboardFigures.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';

/**
 * The dashboard of one account (or every account), its period kept in the address (`period`, or
 * `from` and `to` for a custom one) so a view can be reloaded and shared.
 */
export function DashboardScreen({ account, intro, picker }: { account?: string; intro: 'introAccount' | 'introVendor'; picker?: ReactNode }) {
  const { t } = useTranslation();
  const timeZone = useSession().data?.person?.timeZone;
  const [params, setParams] = useSearchParams();
  const asked = params.get('period') as Preset | null;
  const preset: Preset = asked && PRESETS.includes(asked) ? asked : params.get('from') && params.get('to') ? 'custom' : '90d';
  const days = preset === 'custom' ? { from: params.get('from') ?? '', to: params.get('to') ?? '' } : presetPeriod(preset, timeZone);
  const figures = useDashboard({ account, ...days });

  const update = (change: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(change)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  const onPreset = (next: Preset) => (next === 'custom' ? update({ period: 'custom', ...days }) : update({ period: next, from: null, to: null }));

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('dashboard.title')}</PageHeading>
        <Text>{t(`dashboard.${intro}`)}</Text>
      </div>
      {picker}
      <PeriodPicker preset={preset} from={days.from} to={days.to} onPreset={onPreset} onDays={(chosen) => update({ period: 'custom', ...chosen })} />
      {figures.data && (
        <Text size="sm" c="dimmed" role="status">
          {t('dashboard.showing', { account: figures.data.account?.name ?? t('dashboard.allAccounts'), from: figures.data.period.from, to: figures.data.period.to, zone: figures.data.period.timeZone })}
        </Text>
      )}
      {figures.isError ? <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} /> : figures.data ? <DashboardFigures figures={figures.data} /> : <PageLoader />}
    </Stack>
  );
}
