import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { HelpText } from '../components/HelpText.tsx';
import type { HelpBlock } from '../content.ts';
import { helpContent } from '../helpContent.ts';

function Block({ block }: { block: HelpBlock }) {
  switch (block.kind) {
    case 'p':
      return (
        <Text>
          <HelpText text={block.text} />
        </Text>
      );
    case 'h3':
      return (
        <Title order={3} size="h4" mt="sm">
          <HelpText text={block.text} />
        </Title>
      );
    case 'ul':
    case 'ol':
      return (
        <List type={block.kind === 'ol' ? 'ordered' : 'unordered'} spacing="xs" withPadding>
          {block.items.map((item) => (
            <List.Item key={item}>
              <HelpText text={item} />
            </List.Item>
          ))}
        </List>
      );
  }
}

/** "Portal Help": the user guide of this portal, in the viewer's language, with a table of contents. */
export function PortalHelpPage() {
  const { t, i18n } = useTranslation();
  const content = helpContent(i18n.language);

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('help.title')}</PageHeading>
        <Text size="lg">{content.intro}</Text>
      </div>
      <Paper component="nav" aria-labelledby="help-toc-title" withBorder p="md" radius="md" bg="gray.0">
        <Text id="help-toc-title" fw={700} mb="xs">
          {t('help.toc')}
        </Text>
        <List type="ordered" spacing={4} withPadding>
          {content.sections.map((section) => (
            <List.Item key={section.id}>
              <Anchor href={`#${section.id}`}>{section.title}</Anchor>
            </List.Item>
          ))}
        </List>
      </Paper>
      {content.sections.map((section) => (
        <Stack key={section.id} component="section" gap="sm">
          <Title order={2} id={section.id}>
            {section.title}
          </Title>
          {section.blocks.map((block, index) => (
            <Block key={index} block={block} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
