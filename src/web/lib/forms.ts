import type { UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { formErrors } from './errors.tsx';

/** Roughly what the server's e-mail check accepts; the server has the last word. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Shows a failed submit on a Mantine form: field messages through the form (cleared when the
 * input changes), the rest in `formError` for an alert above the button.
 */
export function useSubmitErrors<Values extends object>(form: UseFormReturnType<Values>, hintKeys: Record<string, string> = {}) {
  const [formError, setFormError] = useState<ReactNode | null>(null);
  const showError = (error: unknown) => {
    const result = formErrors(error, Object.keys(form.getValues()), hintKeys);
    form.setErrors(result.fieldErrors);
    setFormError(result.formError);
  };
  const clearError = () => setFormError(null);
  return { formError, showError, clearError };
}
