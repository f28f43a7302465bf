import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { KnowledgeSearchForm } from '../../../components/KnowledgeSearchForm.tsx';
import { ComingSoon } from '../components/ComingSoon.tsx';

/** "Knowledge Base": the search box and, until search exists, the query that was asked. */
export function KnowledgeBasePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  return (
    <ComingSoon title={t('placeholders.knowledgeBase.title')} text={t('placeholders.knowledgeBase.text')}>
      <KnowledgeSearchForm key={query} initialQuery={query} />
      {query && <Text fw={600}>{t('placeholders.knowledgeBase.query', { query })}</Text>}
    </ComingSoon>
  );
}
