import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { FormError } from './ErrorAlert.tsx';
import { Msg } from '../lib/errors.tsx';
import { useSubmitErrors } from '../lib/forms.ts';

type Props = {
  label: string;
  description?: string;
  submitLabel: string;
  loading: boolean;
  /** Gets the six digits without spaces; a rejected promise shows the server's message. */
  onSubmit: (code: string) => Promise<unknown>;
  /** The form replaced the one just sent, on the same page: focus moves to the code field, not to the page's start. */
  autoFocus?: boolean;
  children?: ReactNode;
};

const digitsOnly = (value: string) => value.replace(/\s+/g, '');

/** A 6-digit code form: the e-mailed passcode, the authenticator code, or the pairing code. */
export function CodeForm({ label, description, submitLabel, loading, onSubmit, autoFocus = false, children }: Props) {
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(digitsOnly(value)) ? null : <Msg k="validation.code" />) },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { code: 'validation.code' });

  const submit = form.onSubmit(async ({ code }) => {
    clearError();
    try {
      await onSubmit(digitsOnly(code));
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={label}
          description={description}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          autoFocus={autoFocus}
          {...form.getInputProps('code')}
        />
        <FormError message={formError} />
        <Group gap="sm">
          <Button type="submit" loading={loading}>
            {submitLabel}
          </Button>
          {children}
        </Group>
      </Stack>
    </form>
  );
}
