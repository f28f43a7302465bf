import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Anything a person picks by name from a list the server searches: a product, an account. */
export type Named = { id: number; name: string };

/**
 * The text typed into a SearchSelect, and the text to search for (debounced). Showing the chosen
 * name is not a search: opening the list again offers every item.
 */
export function useSearchText(value: Named | null) {
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search, 200);
  const text = value && debounced === value.name ? '' : debounced.trim();
  return { search, setSearch, text };
}

type Props<T extends Named> = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: T | null;
  onChange: (item: T | null) => void;
  search: ReturnType<typeof useSearchText>;
  /** What the server found for `search.text`; undefined before the first answer. */
  items: T[] | undefined;
  loading: boolean;
  clearLabel: string;
};

/**
 * Type part of a name and the matching items are listed; the server searches, so the list holds
 * every match, not only those already loaded. The chosen item stays an option while other text is
 * searched.
 */
export function SearchSelect<T extends Named>({ value, onChange, search, items, loading, clearLabel, ...props }: Props<T>) {
  const { t } = useTranslation();
  const { data, byId } = useMemo(() => {
    const found = items ?? [];
    const all = value && !found.some((item) => item.id === value.id) ? [value, ...found] : found;
    return { data: all.map((item) => ({ value: String(item.id), label: item.name })), byId: new Map(all.map((item) => [String(item.id), item])) };
  }, [items, value]);

  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value ? String(value.id) : null}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
      searchValue={search.search}
      onSearchChange={search.setSearch}
      nothingFoundMessage={loading ? t('common.loading') : t('common.nothingFound')}
      maxDropdownHeight={280}
      // Mantine hides its clear button from the keyboard and screen readers; here it is a real button,
      // large enough to hit (WCAG 2.5.8).
      clearButtonProps={{ 'aria-label': clearLabel, 'aria-hidden': false, tabIndex: 0, size: 'md' }}
    />
  );
}
