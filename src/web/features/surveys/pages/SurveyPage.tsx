import { Alert, Anchor, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { SurveyAnswers } from '../../../components/SurveyAnswers.tsx';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useSurvey } from '../api/surveys.ts';
import { SurveyForm } from '../components/SurveyForm.tsx';

/** One survey: the questions while it waits for an answer, the answers once given. */
export function SurveyPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const survey = useSurvey(id);
  const when = useDateTime();

  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} maw={860} mx="auto">
      <Stack gap="lg">
        <PageHeading>{t('surveys.survey.title')}</PageHeading>
        {survey.isPending ? (
          <PageLoader />
        ) : survey.isError ? (
          <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />
        ) : (
          <>
            <div>
              <Text fw={600}>
                <Anchor component={Link} to={`/cases/${survey.data.caseNumber}`}>
                  {survey.data.caseNumber}
                </Anchor>
              </Text>
              <Text className="pre-wrap">{survey.data.caseSubject}</Text>
            </div>
            {survey.data.state === 'answered' && survey.data.answers ? (
              <Stack gap="md">
                <Alert color="green" variant="light" role="status">
                  {survey.data.answeredAt !== null ? t('surveys.survey.thanksOn', { date: when(survey.data.answeredAt) }) : t('surveys.survey.thanks')}
                </Alert>
                <SurveyAnswers answers={survey.data.answers} comment={survey.data.comment} />
              </Stack>
            ) : (
              <Stack gap="md">
                <Text>{t('surveys.survey.intro')}</Text>
                <SurveyForm id={survey.data.id} />
              </Stack>
            )}
          </>
        )}
        <Anchor component={Link} to="/surveys">
          {t('surveys.survey.back')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
