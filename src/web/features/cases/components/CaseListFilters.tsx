import { Accordion, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { usePhone } from '../../../components/ResponsiveTable.tsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../api/cases.ts';
import { stateLabel } from '../labels.ts';

/** The "State" filter; the empty value stands for every state. */
export function StateFilter({ states, value, onChange }: { states: readonly CaseState[]; value: CaseState | undefined; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('cases.filters.state')}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: t('cases.filters.allStates') }, ...states.map((state) => ({ value: state, label: stateLabel(t, state) }))]}
    />
  );
}

/** "Open" / "Closed" / "All". */
export function OpenFilter({ value, onChange }: { value: 'open' | 'closed' | undefined; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('cases.filters.openClosed')}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: 'open', label: t('cases.filters.open') },
        { value: 'closed', label: t('cases.filters.closed') },
        { value: '', label: t('cases.filters.all') },
      ]}
    />
  );
}

/** "Search cases": subject or number; the list follows while typing (debounced by the page). */
export function SearchFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      type="search"
      label={t('cases.filters.search')}
      placeholder={t('cases.filters.searchPlaceholder')}
      value={value}
      maxLength={200}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

export function FilterGrid({ children, cols = 3 }: { children: ReactNode; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: cols }} spacing="md" role="search">
      {children}
    </SimpleGrid>
  );
}

/**
 * Filters used less often. On a phone they fold under "More filters" (open when one is set), so the
 * cases are a thumb's reach below the first filters; on a wider screen they sit in the grid.
 */
export function MoreFilters({ children, active }: { children: ReactNode; active: boolean }) {
  const { t } = useTranslation();
  if (!usePhone()) return <>{children}</>;
  return (
    <Accordion variant="contained" defaultValue={active ? 'more' : null}>
      <Accordion.Item value="more">
        <Accordion.Control>{t('cases.filters.more')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">{children}</Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
