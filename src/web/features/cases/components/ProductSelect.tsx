import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SearchSelect, useSearchText } from '../../../components/SearchSelect.tsx';
import { useProducts, type Product } from '../api/cases.ts';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: Product | null;
  onChange: (product: Product | null) => void;
};

/** "Product": typing part of a name lists the matching active products ("Sentinel" lists every Sentinel product). */
export function ProductSelect({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  const search = useSearchText(value);
  const products = useProducts(search.text);
  return <SearchSelect {...props} value={value} onChange={onChange} search={search} items={products.data?.items} loading={products.isFetching} clearLabel={t('cases.create.clearProduct')} />;
}
