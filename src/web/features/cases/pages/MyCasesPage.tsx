import { Anchor, Box, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { isAccountAdmin, useSession } from '../../../lib/session.ts';
import { CASE_STATES, useCaseList, type CaseListQuery, type CaseState, type SortColumn } from '../api/cases.ts';
import { CaseTable, type Sort } from '../components/CaseTable.tsx';
import { FilterGrid, OpenFilter, SearchFilter, StateFilter } from '../components/CaseListFilters.tsx';
import { Pager } from '../components/Pager.tsx';
import { ScopeSwitch } from '../components/ScopeSwitch.tsx';
import { addressParams, nextSort, sortFrom, sortParams, stateFrom, useMirrorToAddress, useVisitKey } from '../listParams.ts';
import { useCursorPages } from '../paging.ts';

type Filters = { scope: 'mine' | 'account'; state: CaseState | undefined; open: 'open' | 'closed' | undefined; sort: Sort };

function filtersFrom(params: URLSearchParams): Filters {
  const open = params.get('open');
  return {
    scope: params.get('scope') === 'account' ? 'account' : 'mine',
    state: stateFrom(params),
    open: open === 'open' || open === 'closed' ? open : undefined,
    sort: sortFrom(params),
  };
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
  const { t } = useTranslation();
  const person = useSession().data?.person;
  const [params] = useSearchParams();
  const [filters, setFilters] = useState(() => filtersFrom(params));
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  const accountAdmin = isAccountAdmin(person);
  const scope = accountAdmin ? filters.scope : 'mine';
  const { state, open, sort } = filters;
  useMirrorToAddress(addressParams({ scope: scope === 'account' ? scope : undefined, state, open, q, ...sortParams(sort) }));

  const query: CaseListQuery = { scope, state, open, q: q || undefined, sort: sort.column, direction: sort.direction };
  const paging = useCursorPages(JSON.stringify(query));
  const list = useCaseList('cases', { ...query, cursor: paging.cursor });
  const filtered = !!(state || open || q);

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('cases.list.title')}</PageHeading>
        <Text>{scope === 'account' ? t('cases.list.introAccount') : t('cases.list.intro')}</Text>
      </div>
      {accountAdmin && <ScopeSwitch value={scope} onChange={(value) => change({ scope: value })} />}
      <FilterGrid>
        <StateFilter states={CASE_STATES} value={state} onChange={(value) => change({ state: (value || undefined) as CaseState | undefined })} />
        <OpenFilter value={open} onChange={(value) => change({ open: value === 'open' || value === 'closed' ? value : undefined })} />
        <SearchFilter value={search} onChange={setSearch} />
      </FilterGrid>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
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
            items={list.data.items}
            sort={sort}
            onSort={(column: SortColumn) => change({ sort: nextSort(sort, column) })}
            caption={t(`cases.list.caption.${sort.column}_${sort.direction}`)}
          />
        </Box>
      )}
      {list.data && (
        <Pager
          page={paging.page}
          hasPrevious={paging.page > 1}
          hasNext={!!list.data.nextCursor && !list.isPlaceholderData}
          onPrevious={paging.previous}
          onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
        />
      )}
    </Stack>
  );
}
