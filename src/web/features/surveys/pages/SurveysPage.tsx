import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useSurveys, type Survey } from '../api/surveys.ts';

/** "Surveys": one survey per closed case, waiting for an answer or answered. */
export function SurveysPage() {
  const { t } = useTranslation();
  const surveys = useSurveys();
  const items = surveys.data?.items ?? [];
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('surveys.list.title')}</PageHeading>
        <Text>{t('surveys.list.intro')}</Text>
      </div>
      {surveys.isPending ? (
        <PageLoader />
      ) : surveys.isError ? (
        <ErrorAlert error={surveys.error} onRetry={() => void surveys.refetch()} />
      ) : (
        <>
          <SurveyList id="pending-heading" title={t('surveys.list.pending')} empty={t('surveys.list.noPending')} items={items.filter((item) => item.state === 'pending')} />
          <SurveyList id="answered-heading" title={t('surveys.list.answered')} empty={t('surveys.list.noAnswered')} items={items.filter((item) => item.state === 'answered')} />
        </>
      )}
    </Stack>
  );
}

function SurveyList({ id, title, empty, items }: { id: string; title: string; empty: string; items: Survey[] }) {
  const { t } = useTranslation();
  const when = useDateTime();
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <ul className="survey-list">
          {items.map((item) => (
            <li key={item.id}>
              <Anchor component={Link} to={`/surveys/${item.id}`} fw={600}>
                {t('surveys.list.link', { number: item.caseNumber })}
              </Anchor>
              <Text className="pre-wrap">{item.caseSubject}</Text>
              <Text size="sm" c="dimmed">
                {item.answeredAt !== null ? t('surveys.list.answeredOn', { date: when(item.answeredAt) }) : t('surveys.list.sentOn', { date: when(item.createdAt) })}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
