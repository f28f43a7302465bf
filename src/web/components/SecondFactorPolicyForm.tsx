import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SECOND_FACTOR_POLICIES, type SecondFactorPolicy } from '../../shared/second-factor-policies.ts';
import { ErrorText } from '../lib/errors.tsx';
import { FormError } from './ErrorAlert.tsx';

type Props = { policy: SecondFactorPolicy; save: (policy: SecondFactorPolicy) => Promise<unknown>; saving: boolean };

/**
 * "Second factor required": the account-wide rule, on the account administrator's Contacts page
 * and on the vendor administrator's account page. Each page brings the request that saves it.
 */
export function SecondFactorPolicyForm({ policy, save, saving }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(policy);
  const [outcome, setOutcome] = useState<{ saved: true } | { error: unknown } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      await save(chosen);
      setOutcome({ saved: true });
    } catch (error) {
      setOutcome({ error });
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('factorPolicy.label')}
            value={chosen}
            onChange={(event) => setChosen(event.currentTarget.value as SecondFactorPolicy)}
            data={SECOND_FACTOR_POLICIES.map((value) => ({ value, label: t(`factorPolicy.options.${value}`) }))}
            style={{ flex: 1, minWidth: 240, maxWidth: 420 }}
          />
          <Button type="submit" loading={saving}>
            {t('factorPolicy.save')}
          </Button>
        </Group>
        <Text size="sm">{t('factorPolicy.hint')}</Text>
        {outcome && 'error' in outcome && <FormError message={<ErrorText error={outcome.error} />} />}
        <div role="status">{outcome && 'saved' in outcome && t('factorPolicy.saved')}</div>
      </Stack>
    </form>
  );
}
