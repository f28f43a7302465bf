import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { name: string; opened: boolean; onClose: () => void; onConfirm: () => void };

/** Deactivating signs the contact out everywhere at once, so it is confirmed first. */
export function DeactivateDialog({ name, opened, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    // Rendered in place, inside <main>: in a portal the modal's <header> would be a second banner.
    <Modal opened={opened} onClose={onClose} title={t('contacts.deactivateTitle', { name })} centered withinPortal={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="lg">
        <Text>{t('contacts.deactivateText', { name })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" onClick={onConfirm}>
            {t('contacts.deactivate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
