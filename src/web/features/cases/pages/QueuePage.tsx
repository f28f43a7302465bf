import { Box, NativeSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { ApiError } from '../../../lib/api.ts';
import { PRIORITIES, useAccountName, useCaseList, type AccountRef, type CaseListQuery, type CaseState, type Product } from '../api/cases.ts';
import { AccountSelect } from '../components/AccountSelect.tsx';
import { CaseTable, type Sort } from '../components/CaseTable.tsx';
import { FilterGrid, MoreFilters, SearchFilter, StateFilter } from '../components/CaseListFilters.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProductSelect } from '../components/ProductSelect.tsx';
import { priorityLabel } from '../labels.ts';
import { addressParams, QUEUE_SORT, sortFrom, sortParams, stateFrom, useMirrorToAddress, useVisitKey } from '../listParams.ts';
import { useCursorPages } from '../paging.ts';

const OPEN_STATES: readonly CaseState[] = ['new', 'work_in_progress', 'awaiting_info', 'resolved'];

type Filters = { state: CaseState | undefined; priority: number | undefined; accountId: number | undefined; assignee: 'me' | 'none' | undefined; sort: Sort };

function filtersFrom(params: URLSearchParams): Filters {
  const priority = Number(params.get('priority'));
  const accountId = Number(params.get('account'));
  const assignee = params.get('assignee');
  return {
    state: stateFrom(params),
    priority: priority >= 1 && priority <= 4 ? priority : undefined,
    accountId: Number.isSafeInteger(accountId) && accountId > 0 ? accountId : undefined,
    assignee: assignee === 'me' || assignee === 'none' ? assignee : undefined,
    sort: sortFrom(params, QUEUE_SORT),
  };
}

/** "Queue": open cases of every account, unassigned New cases first, then what breaches first, for agents. */
export function QueuePage() {
  return <Queue key={useVisitKey()} />;
}

/** The server's default page size, which the queue keeps. */
const QUEUE_PAGE = 25;

function Queue() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState(() => filtersFrom(params));
  const [product, setProduct] = useState<Product | null>(null);
  // The address keeps only the account's id; its name is asked for when the page opens from it.
  const [account, setAccount] = useState<AccountRef | null>(null);
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const { state, priority, accountId, assignee, sort } = filters;
  useMirrorToAddress(addressParams({ state, priority, account: accountId, assignee, q, ...sortParams(sort, QUEUE_SORT) }));
  const named = useAccountName(account?.id === accountId ? undefined : accountId);
  const shownAccount = account?.id === accountId ? account : (named.data ?? null);
  const unknownAccount = named.error instanceof ApiError && named.error.status === 404;
  // An address naming an account that no longer exists filters nothing rather than everything away.
  useEffect(() => {
    if (unknownAccount) setFilters((current) => ({ ...current, accountId: undefined }));
  }, [unknownAccount]);

  const query: CaseListQuery = { state, priority, accountId, productId: product?.id, assignee, q: q || undefined, sort: sort.column, direction: sort.direction };
  const paging = useCursorPages(JSON.stringify(query));
  const list = useCaseList('queue', { ...query, cursor: paging.cursor });

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('queue.title')}</PageHeading>
        <Text>{t('queue.intro')}</Text>
      </div>
      <FilterGrid cols={3}>
        <StateFilter states={OPEN_STATES} value={state} onChange={(value) => change({ state: (value || undefined) as CaseState | undefined })} />
        <NativeSelect
          label={t('queue.assignee')}
          value={assignee ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change({ assignee: value === 'me' || value === 'none' ? value : undefined });
          }}
          data={[
            { value: '', label: t('queue.anyone') },
            { value: 'me', label: t('queue.me') },
            { value: 'none', label: t('queue.unassigned') },
          ]}
        />
        <SearchFilter value={search} onChange={setSearch} />
        <MoreFilters active={!!(priority || accountId || product)}>
          <NativeSelect
            label={t('queue.priority')}
            value={priority ? String(priority) : ''}
            onChange={(event) => change({ priority: Number(event.currentTarget.value) || undefined })}
            data={[{ value: '', label: t('queue.anyPriority') }, ...PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(t, p) }))]}
          />
          <AccountSelect
            label={t('queue.account')}
            placeholder={t('queue.anyAccount')}
            value={shownAccount}
            onChange={(chosen) => {
              setAccount(chosen);
              change({ accountId: chosen?.id });
            }}
          />
          <ProductSelect label={t('queue.product')} placeholder={t('queue.anyProduct')} value={product} onChange={setProduct} />
        </MoreFilters>
      </FilterGrid>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text role="status">{t('queue.empty')}</Text>
      ) : (
        <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isPlaceholderData}>
          <CaseTable items={list.data.items} sort={sort} onSort={(next) => change({ sort: next })} withAssignee caption={t('queue.caption')} />
        </Box>
      )}
      {list.data && (
        <Pager
          page={paging.page}
          hasPrevious={paging.page > 1}
          hasNext={!!list.data.nextCursor && !list.isPlaceholderData}
          onPrevious={paging.previous}
          onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
          range={list.data.items.length > 0 ? { from: (paging.page - 1) * QUEUE_PAGE + 1, to: (paging.page - 1) * QUEUE_PAGE + list.data.items.length, total: list.data.total, capped: list.data.totalCapped } : undefined}
        />
      )}
    </Stack>
  );
}
