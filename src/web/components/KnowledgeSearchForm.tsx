import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The knowledge base search box of the home page and the Knowledge Base page; it opens /kb?q=…. */
export function KnowledgeSearchForm({ initialQuery = '' }: { initialQuery?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState(initialQuery);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    void navigate(q ? `/kb?${new URLSearchParams({ q }).toString()}` : '/kb');
  };

  return (
    <form role="search" onSubmit={submit}>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          type="search"
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          style={{ flex: 1 }}
          size="md"
        />
        <Button type="submit" size="md">
          {t('search.button')}
        </Button>
      </Group>
    </form>
  );
}
