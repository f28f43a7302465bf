import { Button, CloseButton, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useSession } from '../../../lib/session.ts';
import { useChangeWatchers, useWatchers } from '../api/cases.ts';

/**
 * "Watchers (CC)": colleagues of the account who follow the case, read it, comment and get its
 * mails. The contact and the account's administrators add and remove them; a watcher may leave.
 */
export function CaseWatchers({ number }: { number: string }) {
  const { t } = useTranslation();
  const me = useSession().data?.person;
  const watchers = useWatchers(number);
  const change = useChangeWatchers(number);
  const [chosen, setChosen] = useState('');
  if (!watchers.data) return watchers.isError ? <ErrorAlert error={watchers.error} onRetry={() => void watchers.refetch()} /> : null;
  const { items, candidates, canManage } = watchers.data;
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text c="dimmed">{t('cases.watchers.none')}</Text>
      ) : (
        <Stack component="ul" gap={4} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((watcher) => (
            <Group component="li" key={watcher.id} justify="space-between" wrap="nowrap">
              <Text>{watcher.name}</Text>
              {(canManage || watcher.id === me?.id) && (
                <CloseButton aria-label={t('cases.watchers.remove', { name: watcher.name })} onClick={() => change.mutate({ remove: watcher.id })} />
              )}
            </Group>
          ))}
        </Stack>
      )}
      {canManage && candidates.length > 0 && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('cases.watchers.colleague')}
            value={chosen}
            onChange={(event) => setChosen(event.currentTarget.value)}
            data={[{ value: '', label: t('cases.watchers.choose') }, ...candidates.map((c) => ({ value: String(c.id), label: `${c.name} (${c.email})` }))]}
            style={{ flex: '1 1 12rem' }}
          />
          <Button
            variant="default"
            disabled={!chosen}
            loading={change.isPending}
            onClick={() => change.mutate({ add: Number(chosen) }, { onSuccess: () => setChosen('') })}
          >
            {t('cases.watchers.add')}
          </Button>
        </Group>
      )}
      {change.isError && <ErrorAlert error={change.error} />}
    </Stack>
  );
}
