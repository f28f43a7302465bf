import { Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert, FormError } from '../../../components/ErrorAlert.tsx';
import { GrowingTextarea } from '../../../components/GrowingTextarea.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useProducts } from '../../cases/api/cases.ts';
import {
  ARTICLE_LANGUAGES,
  ARTICLE_STATES,
  ARTICLE_VISIBILITIES,
  BODY_MAX,
  TITLE_MAX,
  useArticle,
  useSaveArticle,
  type Article,
  type ArticleLanguage,
  type ArticleState,
  type ArticleVisibility,
} from '../api/knowledge.ts';
import { ArticleMarkdown } from '../components/ArticleMarkdown.tsx';

type Values = { title: string; body: string; language: ArticleLanguage; visibility: ArticleVisibility; state: ArticleState; productIds: string[] };

/** Translated hints for the server's schema messages, which exist in English only. */
const HINTS: Record<string, string> = {
  title: 'validation.required',
  language: 'validation.choose',
  visibility: 'validation.choose',
  state: 'validation.choose',
};

/** "New article" (/kb/new) for agents. */
export function NewArticlePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeading>{t('kb.editor.newTitle')}</PageHeading>
      <ArticleForm article={null} />
    </Stack>
  );
}

/** "Edit article" (/kb/:number/edit) for agents. */
export function EditArticlePage() {
  const { t } = useTranslation();
  const number = (useParams().number ?? '').toUpperCase();
  const article = useArticle(number);
  return (
    <Stack gap="lg">
      <PageHeading>{t('kb.editor.editTitle', { number })}</PageHeading>
      {article.isPending ? (
        <PageLoader />
      ) : article.isError ? (
        <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />
      ) : (
        <ArticleForm key={article.data.updatedAt} article={article.data} />
      )}
    </Stack>
  );
}

function ArticleForm({ article }: { article: Article | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveArticle(article?.number ?? null);
  const products = useProducts('');
  const form = useForm<Values>({
    initialValues: {
      title: article?.title ?? '',
      body: article?.body ?? '',
      language: article?.language ?? (i18n.language === 'ja' ? 'ja' : 'en'),
      visibility: article?.visibility ?? 'public',
      state: article?.state ?? 'draft',
      productIds: article?.products.map((product) => String(product.id)) ?? [],
    },
    validate: {
      title: (value) => (!value.trim() ? <Msg k="validation.required" /> : value.trim().length > TITLE_MAX ? <Msg k="validation.tooLong" values={{ max: TITLE_MAX }} /> : null),
      body: (value) => (value.length > BODY_MAX ? <Msg k="validation.tooLong" values={{ max: BODY_MAX }} /> : null),
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, HINTS);

  // The article's own products stay choices even when retired or beyond the first page of products.
  const productData = useMemo(() => {
    const items = (products.data?.items ?? []).map((product) => ({ value: String(product.id), label: product.name }));
    const extra = (article?.products ?? []).filter((product) => !items.some((item) => item.value === String(product.id)));
    return [...extra.map((product) => ({ value: String(product.id), label: product.name })), ...items];
  }, [products.data, article]);

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const saved = await save.mutateAsync({
        title: values.title.trim(),
        body: values.body,
        language: values.language,
        visibility: values.visibility,
        state: values.state,
        productIds: values.productIds.map(Number),
      });
      void navigate(`/kb/${saved.number}`);
    } catch (error) {
      showError(error);
    }
  });

  const body = form.getValues().body;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('kb.editor.titleField')} maxLength={TITLE_MAX} autoComplete="off" {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <GrowingTextarea
            label={t('kb.editor.body')}
            description={t('kb.editor.bodyHint')}
            minRows={12}
            maxRows={30}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('body')}
          />
          <Paper withBorder p="md" component="section" aria-labelledby="kb-preview-title">
            <Title order={2} size="h4" id="kb-preview-title" mb="sm">
              {t('kb.editor.preview')}
            </Title>
            <div lang={form.getValues().language}>{body.trim() ? <ArticleMarkdown body={body} /> : <Text>{t('kb.editor.previewEmpty')}</Text>}</div>
          </Paper>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NativeSelect
            label={t('kb.editor.language')}
            data={ARTICLE_LANGUAGES.map((value) => ({ value, label: t(`kb.languages.${value}`) }))}
            {...form.getInputProps('language')}
          />
          <NativeSelect
            label={t('kb.editor.visibility')}
            data={ARTICLE_VISIBILITIES.map((value) => ({ value, label: t(`kb.visibilities.${value}`) }))}
            {...form.getInputProps('visibility')}
          />
          <NativeSelect label={t('kb.editor.state')} data={ARTICLE_STATES.map((value) => ({ value, label: t(`kb.states.${value}`) }))} {...form.getInputProps('state')} />
        </SimpleGrid>
        <MultiSelect
          label={t('kb.editor.products')}
          data={productData}
          searchable
          clearable
          nothingFoundMessage={products.isFetching ? t('common.loading') : t('common.nothingFound')}
          clearButtonProps={{ 'aria-label': t('kb.editor.clearProducts') }}
          maxDropdownHeight={280}
          {...form.getInputProps('productIds')}
        />
        <FormError message={formError} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('kb.editor.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
