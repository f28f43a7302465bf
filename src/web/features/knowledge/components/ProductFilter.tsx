import type { SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SearchSelect, useSearchText } from '../../../components/SearchSelect.tsx';
import { useCatalogue, type CatalogueProduct } from '../api/knowledge.ts';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: CatalogueProduct | null;
  onChange: (product: CatalogueProduct | null) => void;
};

/** The knowledge base's "Product" filter, for visitors as for everyone: type part of a name to list the products. */
export function ProductFilter({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  const search = useSearchText(value);
  const products = useCatalogue(search.text);
  return <SearchSelect {...props} value={value} onChange={onChange} search={search} items={products.data?.items} loading={products.isFetching} clearLabel={t('kb.filters.clearProduct')} />;
}
