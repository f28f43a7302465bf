import { Button, CopyButton, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A value to hand on (a Customer Identifier, a temporary password) as a labelled read-only field,
 * so it can be selected, read by a screen reader, or copied with one click.
 */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      size="md"
      styles={{ input: { fontFamily: 'monospace', fontWeight: 700 } }}
      style={{ maxWidth: 420 }}
      rightSectionWidth={96}
      rightSection={
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? t('admin.copied') : t('admin.copy')}
            </Button>
          )}
        </CopyButton>
      }
    />
  );
}
