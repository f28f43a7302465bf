import { Alert, Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { ErrorText } from '../lib/errors.tsx';

type Props = { error: unknown; onRetry?: () => void; title?: string };

/** An error from the server, in the viewer's language, with an optional retry. */
export function ErrorAlert({ error, onRetry, title }: Props) {
  const { t } = useTranslation();
  // A refusal (403, 404…) gives the same answer again; only trouble on the way is worth a retry.
  const retryable = !(error instanceof ApiError && error.status >= 400 && error.status < 500);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="sm" align="flex-start">
        <span>
          <ErrorText error={error} />
        </span>
        {onRetry && retryable && (
          <Button variant="default" size="xs" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A message for a whole form, shown above its button. */
export function FormError({ message }: { message: ReactNode | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}
