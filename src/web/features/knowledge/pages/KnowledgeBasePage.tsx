import { Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { KnowledgeSearchForm } from '../../../components/KnowledgeSearchForm.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { isStaff, useSession } from '../../../lib/session.ts';
import { ARTICLE_LANGUAGES, useKnowledgeSearch, type ArticleLanguage, type CatalogueProduct, type SearchHit } from '../api/knowledge.ts';
import { ArticleBadges } from '../components/ArticleBadges.tsx';
import { ProductFilter } from '../components/ProductFilter.tsx';
import { Snippet } from '../components/Snippet.tsx';

const isArticleLanguage = (value: string): value is ArticleLanguage => (ARTICLE_LANGUAGES as readonly string[]).includes(value);

/**
 * "Knowledge Base": the search box (its text is the address's `?q=`), filters by product and by the
 * article's language, and the matching articles, best match first, with what matched marked.
 */
export function KnowledgeBasePage() {
  const { t } = useTranslation();
  const session = useSession();
  const person = session.data?.stage === 'active' ? session.data.person : null;
  const staff = isStaff(person);
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [product, setProduct] = useState<CatalogueProduct | null>(null);
  const [language, setLanguage] = useState<ArticleLanguage | undefined>(undefined);
  const results = useKnowledgeSearch({ q, productId: product?.id, language }, q !== '');
  // The results are rendered at a transition's priority, in slices the phone can answer a tap
  // between (CasePage says why); the loader or the results before stay meanwhile.
  const shown = useDeferredValue(results.data);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeading>{t('kb.title')}</PageHeading>
        {staff && (
          <Button component={Link} to="/kb/new">
            {t('kb.newArticle')}
          </Button>
        )}
      </Group>
      <KnowledgeSearchForm key={q} initialQuery={q} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <ProductFilter label={t('kb.filters.product')} placeholder={t('kb.filters.allProducts')} value={product} onChange={setProduct} />
        <NativeSelect
          label={t('kb.filters.language')}
          value={language ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setLanguage(isArticleLanguage(value) ? value : undefined);
          }}
          data={[{ value: '', label: t('kb.filters.allLanguages') }, ...ARTICLE_LANGUAGES.map((value) => ({ value, label: t(`kb.languages.${value}`) }))]}
        />
      </SimpleGrid>
      {!q ? (
        <Text>{t('kb.enterQuery')}</Text>
      ) : results.isError ? (
        <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      ) : !shown ? (
        <PageLoader />
      ) : (
        <section aria-label={t('kb.results', { query: q })} aria-busy={results.isFetching || undefined}>
          {shown.items.length === 0 ? (
            // An earlier search's empty answer, shown while this one loads or renders, is not this one's.
            results.isPlaceholderData || shown !== results.data ? (
              <PageLoader />
            ) : (
              <Text role="status">{t('kb.noResults')}</Text>
            )
          ) : (
            <Stack gap="lg" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {shown.items.map((hit) => (
                <ResultItem key={hit.number} hit={hit} staff={staff} />
              ))}
            </Stack>
          )}
        </section>
      )}
    </Stack>
  );
}

function ResultItem({ hit, staff }: { hit: SearchHit; staff: boolean }) {
  const { t } = useTranslation();
  return (
    <li>
      <Stack gap={4}>
        <Title order={2} size="h4">
          <Anchor component={Link} to={`/kb/${hit.number}`}>
            {hit.title}
          </Anchor>
        </Title>
        <Group gap="sm">
          <ArticleBadges language={hit.language} state={hit.state} visibility={hit.visibility} staff={staff} />
          {hit.products.length > 0 && (
            <Text size="sm">
              {t('kb.productsLabel')} {hit.products.join(', ')}
            </Text>
          )}
        </Group>
        {hit.snippet.length > 0 && (
          <Text size="sm" className="pre-wrap">
            <Snippet parts={hit.snippet} />
          </Text>
        )}
      </Stack>
    </li>
  );
}
