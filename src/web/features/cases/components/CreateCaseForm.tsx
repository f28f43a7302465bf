import { Anchor, Button, List, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { formErrors, Msg } from '../../../lib/errors.tsx';
import { PRIORITIES, useCreateCase, useKnowledgeSuggestions, useStageAttachment, type CaseType, type Product } from '../api/cases.ts';
import { priorityLabel } from '../labels.ts';
import { SUBJECT_MAX, TEXT_MAX } from '../limits.ts';
import { FileDropZone } from './FileDropZone.tsx';
import { ProductSelect } from './ProductSelect.tsx';
import { UploadList, useUploads } from './UploadList.tsx';

const TYPES: CaseType[] = ['product_issue', 'portal_issue'];

/** What a follow-up case starts with: the closed case's number, subject, product and type. */
export type CaseDraft = { followUpOf?: string; subject?: string; product?: Product | null; type?: CaseType };

type Values = { type: CaseType; product: Product | null; priority: string; subject: string; description: string };

/** Translated hints for the server's schema messages, which exist in English only. */
const HINTS: Record<string, string> = {
  type: 'validation.choose',
  productId: 'validation.chooseProduct',
  priority: 'validation.choose',
  subject: 'validation.required',
  description: 'validation.required',
};

const requiredText = (max: number) => (value: string) =>
  !value.trim() ? <Msg k="validation.required" /> : value.trim().length > max ? <Msg k="validation.tooLong" values={{ max }} /> : null;

/** The guide's Create Case form (§5.1), field by field in its order. */
export function CreateCaseForm({ draft, onCreated }: { draft: CaseDraft; onCreated: (number: string) => void }) {
  const { t } = useTranslation();
  const createCase = useCreateCase();
  const stage = useStageAttachment();
  const files = useUploads((file, options) => stage.mutateAsync({ file, options }));
  const [formError, setFormError] = useState<ReactNode | null>(null);
  const form = useForm<Values>({
    initialValues: {
      type: draft.type ?? 'product_issue',
      product: draft.product ?? null,
      priority: '3',
      subject: draft.subject ?? '',
      // A follow-up starts with its link to the old case, which the contact can extend.
      description: draft.followUpOf ? t('cases.create.followUpDescription', { number: draft.followUpOf }) : '',
    },
    validate: {
      product: (value, values) => (values.type === 'product_issue' && !value ? <Msg k="validation.chooseProduct" /> : null),
      subject: requiredText(SUBJECT_MAX),
      description: requiredText(TEXT_MAX),
    },
  });
  const [subject] = useDebouncedValue(form.getValues().subject, 400);
  const suggestions = useKnowledgeSuggestions(subject);

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    if (files.busy) {
      setFormError(t('attachments.waitForUploads'));
      return;
    }
    try {
      const created = await createCase.mutateAsync({
        type: values.type,
        productId: values.type === 'product_issue' ? (values.product?.id ?? null) : null,
        priority: Number(values.priority),
        subject: values.subject.trim(),
        description: values.description.trim(),
        attachmentIds: files.uploads.flatMap((item) => (item.attachment ? [item.attachment.id] : [])),
        ...(draft.followUpOf ? { followUpOf: draft.followUpOf } : {}),
      });
      onCreated(created.number);
    } catch (error) {
      const result = formErrors(error, Object.keys(HINTS), HINTS);
      const { productId, ...rest } = result.fieldErrors;
      form.setErrors({ ...rest, ...(productId ? { product: productId } : {}) });
      setFormError(result.formError);
    }
  });

  const isProductIssue = form.getValues().type === 'product_issue';

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <NativeSelect
          label={t('cases.create.type')}
          data={TYPES.map((type) => ({ value: type, label: t(`cases.types.${type}`) }))}
          {...form.getInputProps('type')}
        />
        {isProductIssue && (
          <ProductSelect
            label={t('cases.create.product')}
            description={t('cases.create.productHint')}
            value={form.getValues().product}
            onChange={(product) => form.setFieldValue('product', product)}
            error={form.errors.product}
          />
        )}
        <NativeSelect
          label={t('cases.create.priority')}
          description={t('cases.create.priorityHint')}
          data={PRIORITIES.map((priority) => ({ value: String(priority), label: priorityLabel(t, priority) }))}
          {...form.getInputProps('priority')}
        />
        <TextInput label={t('cases.create.subject')} maxLength={SUBJECT_MAX} autoComplete="off" {...form.getInputProps('subject')} />
        {suggestions.length > 0 && (
          <section aria-labelledby="related-articles-heading">
            <Title order={2} size="h5" id="related-articles-heading" mb={4}>
              {t('cases.create.suggestions')}
            </Title>
            <List>
              {suggestions.map((article) => (
                <List.Item key={article.number}>
                  <Anchor component={Link} to={`/kb/${article.number}`}>
                    {article.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </section>
        )}
        <GrowingTextarea
          label={t('cases.create.description')}
          description={t('cases.create.descriptionHint')}
          minRows={6}
          maxRows={20}
          {...form.getInputProps('description')}
        />
        <FileDropZone legend={t('cases.create.attachments')} onFiles={files.add}>
          <UploadList uploads={files.uploads} onRemove={files.remove} />
        </FileDropZone>
        <FormError message={formError} />
        <Text size="sm">{t('cases.create.emailNote')}</Text>
        <Button type="submit" loading={createCase.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('common.submit')}
        </Button>
      </Stack>
    </form>
  );
}
