import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeading } from '../../../components/PageHeading.tsx';

type Props = { title: string; intro?: string; wide?: boolean; children: ReactNode };

/** The frame of each sign-in page: a centred panel with the page's heading and a short intro. */
export function AuthPanel({ title, intro, wide = false, children }: Props) {
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} maw={wide ? 680 : 480} mx="auto">
      <PageHeading>{title}</PageHeading>
      <Stack gap="md">
        {intro && <Text>{intro}</Text>}
        {children}
      </Stack>
    </Paper>
  );
}
