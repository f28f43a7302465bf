import { Button, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The authenticator secret for typing in by hand, in blocks of four like the apps show it. */
export function SecretKey({ secret }: { secret: string }) {
  const { t } = useTranslation();
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <Group gap="sm" align="center">
      <Text component="code" className="secret" data-testid="totp-secret">
        {grouped}
      </Text>
      <CopyButton value={secret}>
        {({ copied, copy }) => (
          <Button variant="default" size="xs" onClick={copy} aria-live="polite">
            {copied ? t('pair.copied') : t('pair.copyKey')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
