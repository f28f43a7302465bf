import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import * as rules from '../../../lib/validation.tsx';
import { useSaveTerms, type TermsSettings } from '../api/settings.ts';

export const TERMS_TEXT_MAX = 20_000;
const VERSION_MAX = 50;

const filledWithin = (max: number) => (value: string) => rules.required(value) ?? rules.maxLength(max)(value);

/** The terms of use shown at sign-in; a new version is asked of everyone at their next login. */
export function TermsForm({ terms }: { terms: TermsSettings }) {
  const { t } = useTranslation();
  const save = useSaveTerms();
  const [saved, setSaved] = useState<'published' | 'saved' | null>(null);
  const form = useForm({
    initialValues: terms,
    validate: { version: filledWithin(VERSION_MAX), textEn: filledWithin(TERMS_TEXT_MAX), textJa: filledWithin(TERMS_TEXT_MAX) },
    onValuesChange: () => setSaved(null),
  });
  const { formError, showError, clearError } = useSubmitErrors(form);

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const result = await save.mutateAsync({ version: values.version.trim(), textEn: values.textEn.trim(), textJa: values.textJa.trim() });
      form.setValues(result.terms);
      form.resetDirty(result.terms);
      setSaved(result.terms.version !== terms.version ? 'published' : 'saved');
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('admin.settings.termsVersion')} description={t('admin.settings.termsVersionHint')} maxLength={VERSION_MAX} autoComplete="off" w={{ base: '100%', xs: 320 }} {...form.getInputProps('version')} />
        <GrowingTextarea label={t('admin.settings.termsTextEn')} minRows={6} maxRows={16} maxLength={TERMS_TEXT_MAX} {...form.getInputProps('textEn')} />
        <GrowingTextarea label={t('admin.settings.termsTextJa')} lang="ja" minRows={6} maxRows={16} maxLength={TERMS_TEXT_MAX} {...form.getInputProps('textJa')} />
        <FormError message={formError} />
        {saved && (
          <Alert color="green" variant="light" role="status">
            {saved === 'published' ? t('admin.settings.termsPublished', { version: form.getValues().version }) : t('admin.settings.termsSaved')}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.settings.saveTerms')}
        </Button>
      </Stack>
    </form>
  );
}
