import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert, FormError } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { ErrorText } from '../../../lib/errors.tsx';
import { isContact, isStaff, useSession } from '../../../lib/session.ts';
import { useDateTime } from '../../../lib/useFormat.ts';
import { useArticle, useVote, type Article } from '../api/knowledge.ts';
import { ArticleBadges } from '../components/ArticleBadges.tsx';
import { ArticleMarkdown } from '../components/ArticleMarkdown.tsx';

/** One knowledge article: title, products, last update, the body, and the vote (contacts) or its numbers (staff). */
export function ArticlePage() {
  const { t } = useTranslation();
  const number = (useParams().number ?? '').toUpperCase();
  const session = useSession();
  // Who reads decides what may be read: wait for the session before asking.
  const article = useArticle(number, !session.isPending);

  return article.isPending ? (
    <>
      <PageHeading>{t('kb.article.title', { number })}</PageHeading>
      <PageLoader />
    </>
  ) : article.isError ? (
    <Stack gap="md">
      <PageHeading>{t('kb.article.title', { number })}</PageHeading>
      <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />
    </Stack>
  ) : (
    <ArticleView article={article.data} />
  );
}

function ArticleView({ article }: { article: Article }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const session = useSession().data;
  const person = session?.stage === 'active' ? session.person : null;
  const staff = isStaff(person);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div lang={article.language}>
          <PageHeading>{article.title}</PageHeading>
        </div>
        {staff && (
          <Button component={Link} to={`/kb/${article.number}/edit`} variant="default">
            {t('kb.article.edit')}
          </Button>
        )}
      </Group>
      <Stack gap={6} mt={-8}>
        <Group gap="sm">
          <Text size="sm">{article.number}</Text>
          <ArticleBadges language={article.language} state={article.state} visibility={article.visibility} staff={staff} />
        </Group>
        {article.products.length > 0 && (
          <Text size="sm">
            {t('kb.productsLabel')} {article.products.map((product) => product.name).join(', ')}
          </Text>
        )}
        <Text size="sm">{t('kb.article.updated', { date: dateTime(article.updatedAt) })}</Text>
      </Stack>
      <div lang={article.language}>
        <ArticleMarkdown body={article.body} />
      </div>
      {staff && article.stats && <ArticleStats stats={article.stats} />}
      {isContact(person) && <VoteBox article={article} />}
    </Stack>
  );
}

function ArticleStats({ stats }: { stats: NonNullable<Article['stats']> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="kb-stats-title">
      <Title order={2} size="h4" id="kb-stats-title" mb="xs">
        {t('kb.stats.title')}
      </Title>
      <Group gap="xl">
        <Text>{t('kb.stats.views', { count: stats.views })}</Text>
        <Text>{t('kb.stats.helpful', { count: stats.helpful })}</Text>
        <Text>{t('kb.stats.notHelpful', { count: stats.notHelpful })}</Text>
      </Group>
    </Paper>
  );
}

function VoteBox({ article }: { article: Article }) {
  const { t } = useTranslation();
  const vote = useVote(article.number);
  const [thanked, setThanked] = useState(false);
  const send = (helpful: boolean) => {
    vote.mutate(helpful, { onSuccess: () => setThanked(true) });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="kb-vote-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="kb-vote-title">
          {t('kb.vote.question')}
        </Title>
        <Group gap="sm">
          <Button variant={article.myVote === true ? 'filled' : 'default'} aria-pressed={article.myVote === true} loading={vote.isPending && vote.variables} onClick={() => send(true)}>
            {t('kb.vote.yes')}
          </Button>
          <Button variant={article.myVote === false ? 'filled' : 'default'} aria-pressed={article.myVote === false} loading={vote.isPending && !vote.variables} onClick={() => send(false)}>
            {t('kb.vote.no')}
          </Button>
        </Group>
        <div role="status">
          {thanked && (
            <Alert color="teal" variant="light">
              {t('kb.vote.thanks')}
            </Alert>
          )}
        </div>
        {vote.isError && <FormError message={<ErrorText error={vote.error} />} />}
      </Stack>
    </Paper>
  );
}
