import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageSkeleton } from '../../../components/PageSkeleton.tsx';
import { HelpText } from '../components/HelpText.tsx';
import type { HelpBlock } from '../content.ts';
import { loadHelpContent } from '../helpContent.ts';

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
  // The text is code, not data from the API: fetched once per language and never stale.
  const help = useQuery({ queryKey: ['portal-help', i18n.language], queryFn: () => loadHelpContent(i18n.language), staleTime: Infinity, gcTime: Infinity });
  if (help.isPending) return <PageSkeleton />;
  if (help.isError) return <ErrorAlert error={help.error} onRetry={() => void help.refetch()} />;
  const content = help.data;

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
