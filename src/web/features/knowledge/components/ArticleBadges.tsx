import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArticleLanguage, ArticleState, ArticleVisibility } from '../api/knowledge.ts';

// Dark shades only: white text on each stays above 4.5:1 contrast.
const STATE_COLORS: Record<ArticleState, string> = { draft: 'gray.8', published: 'teal.9', retired: 'red.9' };

/** The article's language for everyone; its state and visibility for staff. */
export function ArticleBadges({ language, state, visibility, staff }: { language: ArticleLanguage; state: ArticleState; visibility: ArticleVisibility; staff: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge variant="filled" color="blue.9" tt="none" radius="sm">
        {t(`kb.languages.${language}`)}
      </Badge>
      {staff && (
        <>
          <Badge variant="filled" color={STATE_COLORS[state]} tt="none" radius="sm">
            {t(`kb.states.${state}`)}
          </Badge>
          <Badge variant="filled" color="indigo.9" tt="none" radius="sm">
            {t(`kb.visibilities.${visibility}`)}
          </Badge>
        </>
      )}
    </Group>
  );
}
