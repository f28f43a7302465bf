import { Anchor, Box, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { isAccountAdmin, isContact, useSession } from '../../../lib/session.ts';
import { CASE_STATES, PRIORITIES, useCaseList, useProducts, type CaseListQuery, type CaseState, type Product } from '../api/cases.ts';
import { CaseTable, type Sort } from '../components/CaseTable.tsx';
import { FilterGrid, MoreFilters, OpenFilter, SearchFilter, StateFilter } from '../components/CaseListFilters.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProductSelect } from '../components/ProductSelect.tsx';
import { priorityLabel } from '../labels.ts';
import { withQuery } from '../../../lib/api.ts';
import { ScopeSwitch, type Scope } from '../components/ScopeSwitch.tsx';
import { addressParams, sortFrom, sortParams, stateFrom, useMirrorToAddress, useVisitKey } from '../listParams.ts';
import { useCursorPages } from '../paging.ts';

const PAGE_SIZES = [25, 50, 100] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Filters = {
  scope: Scope;
  state: CaseState | undefined;
  open: 'open' | 'closed' | undefined;
  priority: number | undefined;
  updatedFrom: string | undefined;
  updatedTo: string | undefined;
  limit: number;
  sort: Sort;
};

function filtersFrom(params: URLSearchParams): Filters {
  const open = params.get('open');
  const priority = Number(params.get('priority'));
  const limit = Number(params.get('size'));
  const day = (name: string) => (DAY.test(params.get(name) ?? '') ? params.get(name)! : undefined);
  return {
    scope: params.get('scope') === 'account' || params.get('scope') === 'following' ? (params.get('scope') as Scope) : 'mine',
    state: stateFrom(params),
    open: open === 'open' || open === 'closed' ? open : undefined,
    priority: priority >= 1 && priority <= 4 ? priority : undefined,
    updatedFrom: day('from'),
    updatedTo: day('to'),
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : PAGE_SIZES[0],
    sort: sortFrom(params),
  };
}

/**
 * The product an address names (`?product=Sentinel LDK`: a bookmark reads as what it filters by):
 * undefined until the catalogue has answered, null where no product on sale has that name.
 */
function useNamedProduct(name: string): Product | null | undefined {
  const products = useProducts(name);
  if (!name) return null;
  if (!products.data || products.isPlaceholderData) return undefined;
  return products.data.items.find((item) => item.name === name) ?? null;
}

/**
 * "My Cases": the contact's cases (account administrators: or every case of the account), newest
 * update first, with filters, sorting and paging. The filters are mirrored into the address, so
 * "Back" from a case returns to the same list.
 */
export function MyCasesPage() {
  return <MyCasesList key={useVisitKey()} />;
}

function MyCasesList() {
  const { t, i18n } = useTranslation();
  const person = useSession().data?.person;
  const [params] = useSearchParams();
  // The product picked on the page, or (undefined) still the one the address names.
  const [picked, setPicked] = useState<Product | null | undefined>(undefined);
  const named = useNamedProduct(picked === undefined ? (params.get('product') ?? '') : '');
  const product = picked === undefined ? named : picked;
  const [filters, setFilters] = useState(() => filtersFrom(params));
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  const accountAdmin = isAccountAdmin(person);
  const scope = filters.scope === 'account' && !accountAdmin ? 'mine' : filters.scope;
  const { state, open, priority, updatedFrom, updatedTo, limit, sort } = filters;
  useMirrorToAddress(
    addressParams({ scope: scope === 'mine' ? undefined : scope, state, open, product: product === undefined ? (params.get('product') ?? undefined) : product?.name, priority, from: updatedFrom, to: updatedTo, size: limit === PAGE_SIZES[0] ? undefined : limit, q, ...sortParams(sort) }),
  );

  const query: CaseListQuery = { scope, state, open, priority, productId: product?.id, updatedFrom, updatedTo, q: q || undefined, sort: sort.column, direction: sort.direction };
  const paging = useCursorPages(JSON.stringify({ ...query, limit }));
  // Not before the product the address names is known: the whole list would show for a moment.
  const list = useCaseList('cases', { ...query, limit, cursor: paging.cursor }, product !== undefined);
  // The rows are rendered at a transition's priority, in slices the phone can answer a tap between
  // (CasePage says why); the loader or the rows before stay meanwhile.
  const shown = useDeferredValue(list.data);
  const filtered = !!(state || open || q || priority || product || updatedFrom || updatedTo);
  const firstShown = (paging.page - 1) * limit + 1;
  // The same filters as a file; the page's language names the columns.
  const exportUrl = withQuery('/api/cases/export', { ...query, language: i18n.language });

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('cases.list.title')}</PageHeading>
        <Text>{scope === 'account' ? t('cases.list.introAccount') : scope === 'following' ? t('cases.list.introFollowing') : t('cases.list.intro')}</Text>
      </div>
      {isContact(person) && <ScopeSwitch value={scope} withAccount={accountAdmin} onChange={(value) => change({ scope: value })} />}
      <FilterGrid>
        <StateFilter states={CASE_STATES} value={state} onChange={(value) => change({ state: (value || undefined) as CaseState | undefined })} />
        <OpenFilter value={open} onChange={(value) => change({ open: value === 'open' || value === 'closed' ? value : undefined })} />
        <SearchFilter value={search} onChange={setSearch} />
        <MoreFilters active={!!(product || priority || updatedFrom || updatedTo || limit !== PAGE_SIZES[0])}>
          <ProductSelect label={t('cases.list.product')} placeholder={t('cases.list.anyProduct')} value={product ?? null} onChange={setPicked} />
          <NativeSelect
            label={t('cases.list.priority')}
            value={priority ? String(priority) : ''}
            onChange={(event) => change({ priority: Number(event.currentTarget.value) || undefined })}
            data={[{ value: '', label: t('cases.list.anyPriority') }, ...PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(t, p) }))]}
          />
          <NativeSelect
            label={t('cases.list.perPage')}
            value={String(limit)}
            onChange={(event) => change({ limit: Number(event.currentTarget.value) })}
            data={PAGE_SIZES.map((size) => String(size))}
          />
          <TextInput label={t('cases.list.updatedFrom')} type="date" value={updatedFrom ?? ''} max={updatedTo} onChange={(event) => change({ updatedFrom: event.currentTarget.value || undefined })} />
          <TextInput label={t('cases.list.updatedTo')} type="date" value={updatedTo ?? ''} min={updatedFrom} onChange={(event) => change({ updatedTo: event.currentTarget.value || undefined })} />
        </MoreFilters>
      </FilterGrid>
      <Group gap="sm">
        <Button component="a" href={exportUrl} download variant="default">
          {t('cases.list.export')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('cases.list.exportHint')}
        </Text>
      </Group>
      {list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : !shown ? (
        <PageLoader />
      ) : shown.items.length === 0 ? (
        <Stack gap="xs" role="status">
          <Text>{filtered ? t('cases.list.noMatches') : t('cases.list.empty')}</Text>
          {!filtered && (
            <Anchor component={Link} to="/create-case">
              {t('cases.list.openOne')}
            </Anchor>
          )}
        </Stack>
      ) : (
        <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isPlaceholderData}>
          <CaseTable
            items={shown.items}
            sort={sort}
            onSort={(next) => change({ sort: next })}
            caption={t(`cases.list.caption.${sort.column}_${sort.direction}`)}
          />
        </Box>
      )}
      {shown && (
        <Pager
          page={paging.page}
          hasPrevious={paging.page > 1}
          hasNext={!!shown.nextCursor && !list.isPlaceholderData}
          onPrevious={paging.previous}
          onNext={() => shown.nextCursor && paging.next(shown.nextCursor)}
          range={shown.items.length > 0 ? { from: firstShown, to: firstShown + shown.items.length - 1, total: shown.total, capped: shown.totalCapped } : undefined}
        />
      )}
    </Stack>
  );
}
