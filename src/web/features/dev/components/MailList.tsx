import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.ts';
import type { Mail } from '../api/mailbox.ts';

/** One row per mail (recipient, subject, time); opening it shows the plain-text body. */
export function MailList({ mails, timeZone }: { mails: Mail[]; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <Accordion variant="separated" multiple>
      {mails.map((mail) => (
        <Accordion.Item key={mail.id} value={String(mail.id)}>
          <Accordion.Control>
            <Stack gap={2}>
              <Text fw={600}>{mail.subject}</Text>
              <Group gap="sm">
                <Text size="sm">{t('dev.to', { to: mail.to })}</Text>
                <Text size="sm">{formatDateTime(mail.createdAt, i18n.language, timeZone)}</Text>
                <Badge size="sm" variant="outline" color="gray.8" tt="none">
                  {t(`dev.states.${mail.state}` as 'dev.states.sent', { defaultValue: mail.state })}
                </Badge>
              </Group>
            </Stack>
          </Accordion.Control>
          <Accordion.Panel>
            <Text component="pre" className="pre-wrap" ff="monospace" size="sm" m={0}>
              {mail.text}
            </Text>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
