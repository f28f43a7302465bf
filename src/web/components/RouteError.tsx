import { Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when a page throws while rendering: the layout itself may be what failed, so it stands alone. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <main id="main-content">
        <Stack>
          <Title order={1}>{t('layout.crashTitle')}</Title>
          <Text>{t('layout.crashText')}</Text>
          <Group>
            <Button onClick={() => window.location.reload()}>{t('layout.reload')}</Button>
            <Anchor href="/">{t('notFound.home')}</Anchor>
          </Group>
        </Stack>
      </main>
    </Container>
  );
}
