import { Group, Radio } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Scope = 'mine' | 'following' | 'account';

/**
 * Whose cases My Cases lists: "My cases", "Cases I follow" (CC) and, for account administrators,
 * "All cases of the account"; a radio group (arrow keys move between them). Plain radios rather
 * than a SegmentedControl: its sliding indicator measures the page as it mounts, a forced layout
 * that cost My Cases about 40 ms of a phone's main thread in each first load (issue 22).
 */
export function ScopeSwitch({ value, onChange, withAccount }: { value: Scope; onChange: (scope: Scope) => void; withAccount: boolean }) {
  const { t } = useTranslation();
  const scopes: Scope[] = withAccount ? ['mine', 'following', 'account'] : ['mine', 'following'];
  return (
    <Radio.Group
      // Shown, and named the radio group by Mantine (an aria-label would name only its wrapper).
      label={t('cases.list.scope')}
      value={value}
      onChange={(next) => {
        const scope = scopes.find((s) => s === next);
        if (scope) onChange(scope);
      }}
    >
      <Group gap="md">
        {scopes.map((scope) => (
          <Radio key={scope} value={scope} label={t(`cases.list.${scope}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}
