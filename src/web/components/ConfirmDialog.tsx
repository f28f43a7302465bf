import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { title: string; text: string; confirmLabel: string; opened: boolean; onClose: () => void; onConfirm: () => void };

/** Asks before an action that cannot be quietly undone (deactivating someone signs them out everywhere at once). */
export function ConfirmDialog({ title, text, confirmLabel, opened, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    // Rendered in place, inside <main>: in a portal the modal's <header> would be a second banner.
    // Its place must not be inside a table, so a page holds it beside the table.
    <Modal opened={opened} onClose={onClose} title={title} centered withinPortal={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="lg">
        <Text>{text}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
