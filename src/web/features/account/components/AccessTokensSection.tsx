import { Alert, Badge, Button, Checkbox, CopyButton, Group, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { ACCESS_TOKEN_LIFETIMES_DAYS, ACCESS_TOKEN_SCOPES, type AccessTokenLifetimeDays, type AccessTokenScope } from '../../../../shared/access-tokens.ts';
import {
  useAccessTokens,
  useCreateAccessToken,
  useRevokeAccessToken,
  type AccessToken,
} from '../api/account.ts';
import type { Guard } from '../../../components/ConfirmIdentity.tsx';

/** i18next reads ":" as a namespace separator, so scope names live under keys without it. */
const SCOPE_KEYS = {
  'cases:read': 'account.tokens.scopeNames.casesRead',
  'cases:write': 'account.tokens.scopeNames.casesWrite',
  'kb:read': 'account.tokens.scopeNames.kbRead',
  'profile:read': 'account.tokens.scopeNames.profileRead',
} as const satisfies Record<AccessTokenScope, string>;

/** The token just made, shown this once with a copy button; the server cannot show it again. */
function NewTokenNotice({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="light" title={t('account.tokens.newToken')}>
      <Stack gap="xs">
        <Text size="sm">{t('account.tokens.shownOnce')}</Text>
        <Text component="code" className="secret" data-testid="new-access-token" style={{ wordBreak: 'break-all' }}>
          {token}
        </Text>
        <Group gap="sm">
          <CopyButton value={token}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy} aria-live="polite">
                {copied ? t('account.tokens.copied') : t('account.tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="subtle" size="xs" onClick={onDone}>
            {t('account.tokens.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function CreateTokenForm({ guard, onCreated }: { guard: Guard; onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateAccessToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<AccessTokenScope[]>(['cases:read', 'cases:write']);
  const [days, setDays] = useState<AccessTokenLifetimeDays>(90);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const created = await guard(() => create.mutateAsync({ name, scopes, expiresInDays: days }));
      setName('');
      onCreated(created.token);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="sm" maw={560}>
        {error !== null && <ErrorAlert error={error} />}
        <TextInput label={t('account.tokens.name')} description={t('account.tokens.nameDescription')} required maxLength={100} value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <Checkbox.Group label={t('account.tokens.scopes')} required value={scopes} onChange={(value) => setScopes(value as AccessTokenScope[])}>
          <Stack gap={6} mt={4}>
            {ACCESS_TOKEN_SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} label={t(SCOPE_KEYS[scope])} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Radio.Group label={t('account.tokens.expiresIn')} required value={String(days)} onChange={(value) => setDays(Number(value) as AccessTokenLifetimeDays)}>
          <Group gap="md" mt={4}>
            {ACCESS_TOKEN_LIFETIMES_DAYS.map((lifetime) => (
              <Radio key={lifetime} value={String(lifetime)} label={t('account.tokens.days', { days: lifetime })} />
            ))}
          </Group>
        </Radio.Group>
        <Group>
          <Button type="submit" loading={create.isPending} disabled={scopes.length === 0}>
            {t('account.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokensTable({ tokens }: { tokens: AccessToken[] }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTime();
  const revoke = useRevokeAccessToken();
  const [revoked, setRevoked] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const end = async (token: AccessToken) => {
    setError(null);
    try {
      await revoke.mutateAsync(token.id);
      setRevoked(token.name);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Stack gap="sm">
      {error !== null && <ErrorAlert error={error} />}
      <Text size="sm" role="status">
        {revoked === null ? '' : t('account.tokens.revoked', { name: revoked })}
      </Text>
      {tokens.length === 0 ? (
        <Text c="dimmed">{t('account.tokens.none')}</Text>
      ) : (
        <ResponsiveTable minWidth={720} striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('account.tokens.name')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.scopes')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.createdAt')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.expiresAt')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.lastUsed')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Th scope="row" fw="normal">
                  {token.name}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" component="code">
                    {token.scopes.join(' ')}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {formatDateTime(token.expiresAt)}
                    {token.expired && (
                      <Badge variant="light" color="gray">
                        {t('account.tokens.expired')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{token.lastUsedAt === null ? t('account.tokens.never') : formatDateTime(token.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Button variant="default" color="red" size="xs" aria-label={t('account.tokens.revokeLabel', { name: token.name })} loading={revoke.isPending && revoke.variables === token.id} onClick={() => void end(token)}>
                    {t('account.tokens.revoke')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      )}
    </Stack>
  );
}

/** "API tokens": personal access tokens for other systems; making one may first ask "Confirm it's you". */
export function AccessTokensSection({ guard }: { guard: Guard }) {
  const { t } = useTranslation();
  const tokens = useAccessTokens();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Text>{t('account.tokens.intro')}</Text>
      {shown !== null && <NewTokenNotice token={shown} onDone={() => setShown(null)} />}
      <CreateTokenForm guard={guard} onCreated={setShown} />
      {tokens.isPending ? <PageLoader /> : tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : <TokensTable tokens={tokens.data.items} />}
    </Stack>
  );
}
