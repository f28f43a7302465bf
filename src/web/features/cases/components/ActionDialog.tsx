import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { formErrors, Msg } from '../../../lib/errors.tsx';
import { useCaseAction, type CaseActionRequest } from '../api/cases.ts';
import { TEXT_MAX } from '../limits.ts';

export type DialogSpec = {
  title: string;
  text: string;
  /** The text field, e.g. "Comment", "Solution" or "Closing notes". */
  fieldLabel: string;
  fieldHint?: string;
  required: boolean;
  /** The message when a required text is missing, e.g. "A solution is required." */
  requiredKey?: string;
  confirmLabel: string;
  dismissLabel?: string;
  danger?: boolean;
  /** The request the typed text becomes. */
  request: (text: string) => CaseActionRequest;
  /** The server's field the text goes in, so its message shows under the input. */
  serverField: string;
};

type Props = { number: string; spec: DialogSpec | null; returnFocus: boolean; onClose: () => void; onDone: () => void };

/**
 * A confirmation with one text field for actions that explain themselves: Reject Solution, Close
 * case, Request info, Propose solution, Cancel case. Rendered in place, inside <main>.
 */
export function ActionDialog({ number, spec, returnFocus, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={spec !== null}
      onClose={onClose}
      title={spec?.title}
      centered
      size="lg"
      withinPortal={false}
      returnFocus={returnFocus}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {spec && <DialogForm key={spec.title} number={number} spec={spec} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function DialogForm({ number, spec, onClose, onDone }: { number: string; spec: DialogSpec; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useCaseAction(number);
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<ReactNode | null>(null);
  const [formError, setFormError] = useState<ReactNode | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const value = text.trim();
    if (spec.required && !value) return setFieldError(<Msg k={spec.requiredKey ?? 'validation.required'} />);
    if (value.length > TEXT_MAX) return setFieldError(<Msg k="validation.tooLong" values={{ max: TEXT_MAX }} />);
    setFieldError(null);
    try {
      await action.mutateAsync(spec.request(value));
      onDone();
    } catch (error) {
      const result = formErrors(error, [spec.serverField], { [spec.serverField]: spec.requiredKey ?? 'validation.required' });
      setFieldError(result.fieldErrors[spec.serverField] ?? null);
      setFormError(result.formError);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{spec.text}</Text>
        <GrowingTextarea
          label={spec.fieldLabel}
          description={spec.fieldHint ?? (spec.required ? undefined : t('common.optional'))}
          minRows={4}
          maxRows={14}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={fieldError}
          data-autofocus
        />
        <FormError message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {spec.dismissLabel ?? t('common.cancel')}
          </Button>
          <Button type="submit" color={spec.danger ? 'red.9' : undefined} loading={action.isPending}>
            {spec.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
