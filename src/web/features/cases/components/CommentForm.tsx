import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { formErrors, Msg } from '../../../lib/errors.tsx';
import { useCaseAction } from '../api/cases.ts';
import { TEXT_MAX } from '../limits.ts';

/** The text being written survives the form being hidden while a dialog is open. */
export type CommentDraft = { body: string; workNote: boolean };

type Props = {
  number: string;
  draft: CommentDraft;
  onDraft: (draft: CommentDraft) => void;
  /** Staff may switch to an internal work note. */
  canWorkNote: boolean;
  /** Only work notes are possible (staff on a closed case). */
  workNoteOnly: boolean;
};

/**
 * "Comment" and "Send" under "Case Activity". Staff write in one of two modes chosen up front,
 * "Reply to customer" or "Internal work note": the note mode is coloured and says who will read it
 * in its label, hint and button, so a note is not sent to the customer by mistake.
 */
export function CommentForm({ number, draft, onDraft, canWorkNote, workNoteOnly }: Props) {
  const { t } = useTranslation();
  const send = useCaseAction(number);
  const [fieldError, setFieldError] = useState<ReactNode | null>(null);
  const [formError, setFormError] = useState<ReactNode | null>(null);
  const [sent, setSent] = useState<'comment' | 'note' | null>(null);
  const workNote = workNoteOnly || (canWorkNote && draft.workNote);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setSent(null);
    const body = draft.body.trim();
    if (!body) return setFieldError(<Msg k="validation.commentRequired" />);
    if (body.length > TEXT_MAX) return setFieldError(<Msg k="validation.tooLong" values={{ max: TEXT_MAX }} />);
    setFieldError(null);
    try {
      await send.mutateAsync({ path: 'comments', body: { body, workNote } });
      // Each message starts customer-visible again, so a work note is never the accidental default.
      onDraft({ body: '', workNote: false });
      setSent(workNote ? 'note' : 'comment');
    } catch (error) {
      const result = formErrors(error, ['body'], { body: 'validation.commentRequired' });
      setFieldError(result.fieldErrors.body ?? null);
      setFormError(result.formError);
    }
  };

  return (
    <form onSubmit={submit} noValidate className={workNote ? 'comment-form work-note' : 'comment-form'}>
      <Stack gap="sm">
        {canWorkNote && !workNoteOnly && (
          <SegmentedControl
            aria-label={t('cases.comment.mode')}
            fullWidth
            color={workNote ? '#8a5a00' : 'blue.8'}
            value={workNote ? 'note' : 'reply'}
            onChange={(mode) => onDraft({ ...draft, workNote: mode === 'note' })}
            data={[
              { value: 'reply', label: t('cases.comment.replyMode') },
              { value: 'note', label: t('cases.comment.noteMode') },
            ]}
          />
        )}
        {workNote && (
          <Alert color="yellow" variant="light" py="xs">
            {t('cases.comment.noteBanner')}
          </Alert>
        )}
        <GrowingTextarea
          label={workNote ? t('cases.comment.noteLabel') : canWorkNote ? t('cases.comment.replyLabel') : t('cases.comment.label')}
          description={workNote ? t('cases.comment.workNoteHint') : canWorkNote ? t('cases.comment.replyHint') : t('cases.comment.hint')}
          minRows={3}
          maxRows={16}
          value={draft.body}
          onChange={(event) => {
            setSent(null);
            onDraft({ ...draft, body: event.currentTarget.value });
          }}
          error={fieldError}
        />
        <FormError message={formError} />
        <Group justify="space-between" gap="sm">
          {workNoteOnly ? (
            <Badge color="#8a5a00" variant="filled" tt="none" radius="sm">
              {t('cases.activity.workNote')}
            </Badge>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Text size="sm" role="status">
              {sent === 'comment' ? t('cases.comment.sent') : sent === 'note' ? t('cases.comment.noteSaved') : ''}
            </Text>
            <Button type="submit" loading={send.isPending} color={workNote ? '#8a5a00' : undefined}>
              {workNote ? t('cases.comment.saveNote') : canWorkNote ? t('cases.comment.sendReply') : t('cases.comment.send')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
