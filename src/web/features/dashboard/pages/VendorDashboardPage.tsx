import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccountOptions } from '../api/dashboard.ts';
import { DashboardScreen } from '../components/DashboardScreen.tsx';

/** The vendor administrators' dashboard: every account together, or the one picked. */
export function VendorDashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const account = params.get('account') ?? 'all';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const options = useAccountOptions(q);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const listed = (options.data?.items ?? []).map((item) => ({ value: String(item.id), label: item.name }));
  const data = [{ value: 'all', label: t('dashboard.allAccounts') }, ...(picked && !listed.some((o) => o.value === picked.value) ? [picked] : []), ...listed];

  const picker = (
    <Select
      label={t('dashboard.account')}
      searchable
      data={data}
      value={account}
      onSearchChange={setSearch}
      nothingFoundMessage={t('dashboard.noAccount')}
      allowDeselect={false}
      maw={420}
      onChange={(value, option) => {
        if (!value) return;
        setPicked(option);
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.set('account', value);
            return next;
          },
          { replace: true },
        );
      }}
    />
  );
  return <DashboardScreen account={account} intro="introVendor" picker={picker} />;
}
