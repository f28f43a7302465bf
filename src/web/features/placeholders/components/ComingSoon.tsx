import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeading } from '../../../components/PageHeading.tsx';

/** A page that exists already, with its heading and a sentence saying the rest is on its way. */
export function ComingSoon({ title, text, children }: { title: string; text: string; children?: ReactNode }) {
  return (
    <Stack gap="md">
      <PageHeading>{title}</PageHeading>
      {children}
      <Text>{text}</Text>
    </Stack>
  );
}
