import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Scope = 'mine' | 'account';

const isScope = (value: string): value is Scope => value === 'mine' || value === 'account';

/** For account administrators: "My cases" or "All cases of the account", a radio group (arrow keys move between them). */
export function ScopeSwitch({ value, onChange }: { value: Scope; onChange: (scope: Scope) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('cases.list.scope')}
      value={value}
      onChange={(next) => {
        if (isScope(next)) onChange(next);
      }}
      data={[
        { value: 'mine', label: t('cases.list.mine') },
        { value: 'account', label: t('cases.list.account') },
      ]}
      style={{ alignSelf: 'flex-start' }}
    />
  );
}
