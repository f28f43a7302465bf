import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../lib/countries.ts';

/** "Country code": searchable, each option named like "Japan +81", its value the ISO code. */
export function CountryCodeSelect(props: Omit<SelectProps, 'data'>) {
  const { t, i18n } = useTranslation();
  const data = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  return <Select {...props} data={data} searchable allowDeselect={false} nothingFoundMessage={t('common.nothingFound')} maxDropdownHeight={280} />;
}
