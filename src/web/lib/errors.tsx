import type { TFunction, i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

/**
 * The text of an error in the viewer's language: the translation of its messageKey when there is
 * one, else the server's own (English) message.
 */
export function errorText(error: unknown, t: TFunction, i18n: I18n): string {
  if (error instanceof ApiError) {
    // The server's lock message names the minutes to wait; only English has that wording.
    if (error.messageKey === 'errors.locked' && i18n.language === 'en') return error.message;
    // The size limit is the server's setting; its message names it in megabytes.
    if (error.messageKey === 'errors.fileTooLarge') {
      const megabytes = /(\d+)\s*MB/.exec(error.message)?.[1];
      return megabytes ? translateKey(t, error.messageKey, { max: megabytes }) : error.message;
    }
    if (error.messageKey && i18n.exists(error.messageKey)) return translateKey(t, error.messageKey, error.params);
    if (error.code === 'internal') return t('errors.internal');
    if (error.code === 'network') return t('errors.network');
    return error.message;
  }
  return t('errors.internal');
}

/**
 * Messages in forms are elements that translate themselves when rendered, so a message already
 * on screen follows the language switch.
 */
export function ErrorText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  return <>{errorText(error, t, i18n)}</>;
}

/** A translated message by key, e.g. a client-side validation message. */
export function Msg({ k, values }: { k: string; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  return <>{translateKey(t, k, values)}</>;
}

/**
 * `t` for a key known only at run time (a server messageKey, a key held in data). The typed `t`
 * also reads `_short` in `errors.password.too_short` as a context suffix, so it cannot name it.
 */
export function translateKey(t: TFunction, key: string, values?: Record<string, unknown>): string {
  return (t as unknown as (key: string, values?: Record<string, unknown>) => string)(key, values);
}

/** A schema problem the server reports only in English; elsewhere the field's own hint is shown. */
function FieldProblem({ message, hintKey }: { message: string; hintKey: string | undefined }) {
  const { t, i18n } = useTranslation();
  return <>{i18n.language !== 'en' && hintKey ? translateKey(t, hintKey) : message}</>;
}

function FormProblem({ unplaced }: { unplaced: string[] }) {
  const { t } = useTranslation();
  return <>{[t('errors.validation'), ...unplaced].join(' ')}</>;
}

/** What a form shows after a failed submit: messages under its inputs and one above its button. */
export type FormErrorResult = { fieldErrors: Record<string, ReactNode>; formError: ReactNode | null };

/**
 * Places an API error: `field` (a service's error about one input) and `fields` (schema problems)
 * go under the matching inputs; anything else is a message for the whole form. `hintKeys` name a
 * translated message per field for schema problems.
 */
export function formErrors(error: unknown, fieldNames: readonly string[], hintKeys: Record<string, string> = {}): FormErrorResult {
  const fieldErrors: Record<string, ReactNode> = {};
  const known = new Set(fieldNames);
  if (error instanceof ApiError) {
    if (error.field && known.has(error.field)) {
      fieldErrors[error.field] = <ErrorText error={error} />;
      return { fieldErrors, formError: null };
    }
    for (const problem of error.fields) {
      if (!known.has(problem.field) || fieldErrors[problem.field]) continue;
      fieldErrors[problem.field] = <FieldProblem message={problem.message} hintKey={hintKeys[problem.field]} />;
    }
    const unplaced = error.fields.filter((problem) => !known.has(problem.field)).map((problem) => problem.message);
    if (Object.keys(fieldErrors).length > 0 || unplaced.length > 0) {
      return { fieldErrors, formError: <FormProblem unplaced={unplaced} /> };
    }
  }
  return { fieldErrors, formError: <ErrorText error={error} /> };
}

/** A confirmation worded by the server, shown through its messageKey when the web app knows it. */
export function ServerMessage({ message, messageKey }: { message: string; messageKey?: string | undefined }) {
  const { t, i18n } = useTranslation();
  return <>{messageKey && i18n.exists(messageKey) ? translateKey(t, messageKey) : message}</>;
}
