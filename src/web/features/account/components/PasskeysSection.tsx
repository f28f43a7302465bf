import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useAddPasskey, usePasskeys, useRemovePasskey, useRenamePasskey, type Passkey } from '../api/passkeys.ts';
import type { Guard } from '../../../components/ConfirmIdentity.tsx';

/** What the last change did, said in the status line screen readers announce. */
type Done = { key: 'passkeys.added' | 'passkeys.renamed' | 'passkeys.removed'; name: string } | null;

function AddPasskeyForm({ guard, onDone }: { guard: Guard; onDone: (done: Done) => void }) {
  const { t } = useTranslation();
  const add = useAddPasskey();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const added = await guard(() => add.mutateAsync(name));
      setName('');
      onDone({ key: 'passkeys.added', name: added.name });
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="sm" maw={560}>
        {error !== null && <ErrorAlert error={error} />}
        <TextInput label={t('passkeys.name')} description={t('passkeys.nameDescription')} required maxLength={100} value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('passkeys.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenameForm({ passkey, onDone, onCancel }: { passkey: Passkey; onDone: (done: Done) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const rename = useRenamePasskey();
  const [name, setName] = useState(passkey.name);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const renamed = await rename.mutateAsync({ id: passkey.id, name });
      onDone({ key: 'passkeys.renamed', name: renamed.name });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap={6}>
        {error !== null && <ErrorAlert error={error} />}
        <TextInput size="xs" label={t('passkeys.newName', { name: passkey.name })} required maxLength={100} value={name} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={rename.isPending}>
            {t('passkeys.save')}
          </Button>
          <Button variant="subtle" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasskeysTable({ passkeys, guard, onDone }: { passkeys: Passkey[]; guard: Guard; onDone: (done: Done) => void }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTime();
  const remove = useRemovePasskey();
  const [renaming, setRenaming] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const removeOne = async (passkey: Passkey) => {
    setError(null);
    try {
      await guard(() => remove.mutateAsync(passkey.id));
      onDone({ key: 'passkeys.removed', name: passkey.name });
    } catch (caught) {
      setError(caught);
    }
  };

  if (passkeys.length === 0) return <Text c="dimmed">{t('passkeys.none')}</Text>;
  return (
    <Stack gap="sm">
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable minWidth={640} striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('passkeys.name')}</Table.Th>
            <Table.Th scope="col">{t('passkeys.createdAt')}</Table.Th>
            <Table.Th scope="col">{t('passkeys.lastUsed')}</Table.Th>
            <Table.Th scope="col">{t('passkeys.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {passkeys.map((passkey) => (
            <Table.Tr key={passkey.id}>
              <Table.Th scope="row" fw="normal">
                {renaming === passkey.id ? (
                  <RenameForm
                    passkey={passkey}
                    onCancel={() => setRenaming(null)}
                    onDone={(done) => {
                      setRenaming(null);
                      onDone(done);
                    }}
                  />
                ) : (
                  passkey.name
                )}
              </Table.Th>
              <Table.Td>{formatDateTime(passkey.createdAt)}</Table.Td>
              <Table.Td>{passkey.lastUsedAt === null ? t('passkeys.never') : formatDateTime(passkey.lastUsedAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" aria-label={t('passkeys.renameLabel', { name: passkey.name })} onClick={() => setRenaming(passkey.id)} disabled={renaming === passkey.id}>
                    {t('passkeys.rename')}
                  </Button>
                  <Button variant="default" color="red" size="xs" aria-label={t('passkeys.removeLabel', { name: passkey.name })} loading={remove.isPending && remove.variables === passkey.id} onClick={() => void removeOne(passkey)}>
                    {t('passkeys.remove')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ResponsiveTable>
    </Stack>
  );
}

/** "Passkeys": sign in with the device's lock instead of the password and code; adding or removing one may first ask "Confirm it's you". */
export function PasskeysSection({ guard }: { guard: Guard }) {
  const { t } = useTranslation();
  const passkeys = usePasskeys();
  const [done, setDone] = useState<Done>(null);
  return (
    <Stack gap="md">
      <Text>{t('passkeys.intro')}</Text>
      <AddPasskeyForm guard={guard} onDone={setDone} />
      <Text size="sm" role="status">
        {done === null ? '' : t(done.key, { name: done.name })}
      </Text>
      {passkeys.isPending ? <PageLoader /> : passkeys.isError ? <ErrorAlert error={passkeys.error} onRetry={() => void passkeys.refetch()} /> : <PasskeysTable passkeys={passkeys.data.items} guard={guard} onDone={setDone} />}
    </Stack>
  );
}
