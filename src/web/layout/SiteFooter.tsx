import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The footer; in development without SMTP it links the mailbox where the portal's mails wait. */
export function SiteFooter({ devMailbox }: { devMailbox: boolean }) {
  const { t } = useTranslation();
  return (
    <Box component="footer" mt="auto" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Container size="lg" py="md">
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t('layout.footerText')}</Text>
          {devMailbox && (
            <Anchor component={Link} to="/dev/mailbox" size="sm">
              {t('layout.devMailbox')}
            </Anchor>
          )}
        </Group>
      </Container>
    </Box>
  );
}
