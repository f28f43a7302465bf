import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePhone } from '../../../components/ResponsiveTable.tsx';
import { PRESETS, type Preset } from '../period.ts';

type Props = {
  preset: Preset;
  from: string;
  to: string;
  onPreset: (preset: Preset) => void;
  /** One day changed; the other is left as the address holds it, which a quick second change may not have reached this render yet. */
  onDays: (day: { from: string } | { to: string }) => void;
};

/** Last 30 days, 90 days, 12 months, or two days of the viewer's choosing. */
export function PeriodPicker({ preset, from, to, onPreset, onDays }: Props) {
  const { t } = useTranslation();
  // Four choices side by side are wider than a phone held upright: there they stand in a column.
  const phone = usePhone();
  return (
    <Group align="end" gap="md" wrap="wrap">
      <div role="group" aria-label={t('dashboard.period.label')}>
        <SegmentedControl orientation={phone ? 'vertical' : 'horizontal'} value={preset} onChange={(value) => onPreset(value as Preset)} data={PRESETS.map((value) => ({ value, label: t(`dashboard.period.${value}`) }))} />
      </div>
      {preset === 'custom' && (
        <>
          <TextInput type="date" label={t('dashboard.period.from')} value={from} max={to} onChange={(event) => event.currentTarget.value && onDays({ from: event.currentTarget.value })} />
          <TextInput type="date" label={t('dashboard.period.to')} value={to} min={from} onChange={(event) => event.currentTarget.value && onDays({ to: event.currentTarget.value })} />
        </>
      )}
    </Group>
  );
}
