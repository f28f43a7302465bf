import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SearchSelect, useSearchText } from '../../../components/SearchSelect.tsx';
import { useAccountSearch, type AccountRef } from '../api/cases.ts';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: AccountRef | null;
  onChange: (account: AccountRef | null) => void;
};

/** The queue's "Account" filter: typing part of a customer's name lists the matching accounts. */
export function AccountSelect({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  const search = useSearchText(value);
  const accounts = useAccountSearch(search.text);
  return <SearchSelect {...props} value={value} onChange={onChange} search={search} items={accounts.data?.items} loading={accounts.isFetching} clearLabel={t('queue.clearAccount')} />;
}
