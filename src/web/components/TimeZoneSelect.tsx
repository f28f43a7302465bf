import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from '../lib/timeZones.ts';

/** "Time zone": a searchable list of IANA names such as Asia/Tokyo. */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  return <Select {...props} data={timeZoneOptions()} searchable allowDeselect={false} nothingFoundMessage={t('common.nothingFound')} maxDropdownHeight={280} />;
}
