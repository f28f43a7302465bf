import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type Scope = 'mine' | 'account';
const SCOPES: Scope[] = ['mine', 'account'];

/**
 * For account administrators: "My cases" or "All cases of the account". Plain radio buttons (arrow
 * keys move between them) that look like a segmented control.
 */
export function ScopeSwitch({ value, onChange }: { value: Scope; onChange: (scope: Scope) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <div role="radiogroup" aria-label={t('cases.list.scope')} className="segmented">
      {SCOPES.map((scope) => (
        <label key={scope} className="segment">
          <input type="radio" name={name} value={scope} checked={value === scope} onChange={() => onChange(scope)} />
          {scope === 'mine' ? t('cases.list.mine') : t('cases.list.account')}
        </label>
      ))}
    </div>
  );
}
