import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProducts, type Product } from '../api/cases.ts';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: Product | null;
  onChange: (product: Product | null) => void;
};

/**
 * "Product": type part of a name and the matching products are listed (the server searches, so
 * "Sentinel" lists every product whose name contains it). The chosen product stays an option
 * while other text is searched.
 */
export function ProductSelect({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search, 200);
  // Showing the chosen name is not a search: opening the list again offers every product.
  const text = value && debounced === value.name ? '' : debounced.trim();
  const products = useProducts(text);

  const { data, byId } = useMemo(() => {
    const items = products.data?.items ?? [];
    const all = value && !items.some((item) => item.id === value.id) ? [value, ...items] : items;
    return { data: all.map((item) => ({ value: String(item.id), label: item.name })), byId: new Map(all.map((item) => [String(item.id), item])) };
  }, [products.data, value]);

  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value ? String(value.id) : null}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={products.isFetching ? t('common.loading') : t('common.nothingFound')}
      maxDropdownHeight={280}
      clearButtonProps={{ 'aria-label': t('cases.create.clearProduct') }}
    />
  );
}
