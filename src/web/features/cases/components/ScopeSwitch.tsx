import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Scope = 'mine' | 'following' | 'account';

/**
 * Whose cases My Cases lists: "My cases", "Cases I follow" (CC) and, for account administrators,
 * "All cases of the account"; a radio group (arrow keys move between them).
 */
export function ScopeSwitch({ value, onChange, withAccount }: { value: Scope; onChange: (scope: Scope) => void; withAccount: boolean }) {
  const { t } = useTranslation();
  const scopes: Scope[] = withAccount ? ['mine', 'following', 'account'] : ['mine', 'following'];
  return (
    <SegmentedControl
      aria-label={t('cases.list.scope')}
      value={value}
      onChange={(next) => {
        const scope = scopes.find((s) => s === next);
        if (scope) onChange(scope);
      }}
      data={scopes.map((scope) => ({ value: scope, label: t(`cases.list.${scope}`) }))}
      style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
    />
  );
}
