import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCaseAction, type CaseDetail } from '../api/cases.ts';

type Props = {
  kase: CaseDetail;
  /** The solution the agent proposed, shown in the box that asks for an answer. */
  solution: string | null;
  onReject: () => void;
  onClose: () => void;
  onAccepted: () => void;
};

/** The contact's answers: Accept or Reject a proposed solution; "Close case" while it is not Resolved. */
export function CustomerActions({ kase, solution, onReject, onClose, onAccepted }: Props) {
  const { t } = useTranslation();
  const accept = useCaseAction(kase.number);
  const mayAnswer = kase.allowed.includes('accept_solution') || kase.allowed.includes('reject_solution');
  const mayClose = kase.allowed.includes('customer_close');
  if (!mayAnswer && !mayClose) return null;

  const onAccept = () => accept.mutate({ path: 'accept' }, { onSuccess: onAccepted });

  return (
    <Stack gap="sm">
      {mayAnswer && (
        <Paper component="section" aria-labelledby="action-required-heading" p="md" radius="md" className="action-required">
          <Stack gap="sm">
            <Title order={2} size="h3" id="action-required-heading">
              {t('cases.answer.title')}
            </Title>
            <Text>{t('cases.answer.text')}</Text>
            {solution && (
              <div>
                <Text fw={600} size="sm">
                  {t('cases.activity.solution')}
                </Text>
                <Text className="pre-wrap">{solution}</Text>
              </div>
            )}
            {accept.isError && <ErrorAlert error={accept.error} />}
            <Group gap="sm">
              {kase.allowed.includes('accept_solution') && (
                <Button color="teal.9" onClick={onAccept} loading={accept.isPending}>
                  {t('cases.answer.accept')}
                </Button>
              )}
              {kase.allowed.includes('reject_solution') && (
                <Button variant="outline" color="red.9" onClick={onReject} disabled={accept.isPending}>
                  {t('cases.answer.reject')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
      {mayClose && (
        <Group gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('cases.close.button')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
