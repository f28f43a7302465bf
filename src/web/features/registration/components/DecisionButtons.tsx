import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

type Props = { applicantName: string; busy: 'approve' | 'reject' | null; onDecide: (decision: 'approve' | 'reject') => void };

/** "Approve" at once; "Reject" only after confirming, as the applicant is told by e-mail. */
export function DecisionButtons({ applicantName, busy, onDecide }: Props) {
  const { t } = useTranslation();
  const [confirming, confirm] = useDisclosure(false);

  return (
    <>
      <Group gap="sm">
        <Button onClick={() => onDecide('approve')} loading={busy === 'approve'} disabled={busy === 'reject'}>
          {t('registration.request.approve')}
        </Button>
        <Button color="red.9" variant="outline" onClick={confirm.open} loading={busy === 'reject'} disabled={busy === 'approve'}>
          {t('registration.request.reject')}
        </Button>
      </Group>
      {/* Rendered in place, inside <main>: in a portal the modal's <header> would be a second banner. */}
      <Modal
        opened={confirming}
        onClose={confirm.close}
        title={t('registration.request.rejectTitle')}
        centered
        withinPortal={false}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="lg">
          <Text>{t('registration.request.rejectText', { name: applicantName })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              onClick={() => {
                confirm.close();
                onDecide('reject');
              }}
            >
              {t('registration.request.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
