import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useSession } from '../../../lib/session.ts';
import { useMailbox } from '../api/mailbox.ts';
import { MailList } from '../components/MailList.tsx';

/** "Development mailbox": the mails the portal would have sent, for a first user without SMTP. */
export function DevMailboxPage() {
  const { t } = useTranslation();
  const timeZone = useSession().data?.person?.timeZone;
  const mailbox = useMailbox();
  const mails = mailbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('dev.title')}</PageHeading>
        <Text>{t('dev.intro')}</Text>
      </div>
      <Group>
        <Button variant="default" onClick={() => void mailbox.refetch()} loading={mailbox.isRefetching && !mailbox.isFetchingNextPage}>
          {t('dev.refresh')}
        </Button>
      </Group>
      {mailbox.isPending ? (
        <PageLoader />
      ) : mailbox.isError ? (
        <ErrorAlert error={mailbox.error} onRetry={() => void mailbox.refetch()} />
      ) : mails.length === 0 ? (
        <Text>{t('dev.empty')}</Text>
      ) : (
        <MailList mails={mails} timeZone={timeZone} />
      )}
      {mailbox.hasNextPage && (
        <Button variant="default" onClick={() => void mailbox.fetchNextPage()} loading={mailbox.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          {t('dev.loadOlder')}
        </Button>
      )}
    </Stack>
  );
}
