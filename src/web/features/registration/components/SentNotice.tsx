import { Alert, Anchor, Stack } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The confirmation that replaces a sent form; it takes focus so it is read out at once. */
export function SentNotice({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Stack gap="md">
      <Alert ref={ref} tabIndex={-1} color="green" variant="light" title={title} role="status">
        {children}
      </Alert>
      <Anchor component={Link} to="/">
        {t('registration.form.backHome')}
      </Anchor>
    </Stack>
  );
}
