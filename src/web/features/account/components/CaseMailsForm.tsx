import { Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useSaveCaseMails, type CaseMails } from '../api/account.ts';

const KINDS = ['opened', 'commented', 'resolved', 'closed'] as const;

/** "Case mails": each of the guide's four on or off, saved as it is switched. */
export function CaseMailsForm({ caseMails }: { caseMails: CaseMails }) {
  const { t } = useTranslation();
  const save = useSaveCaseMails();
  return (
    <Stack gap="sm">
      <Text>{t('account.caseMails.intro')}</Text>
      {KINDS.map((kind) => (
        <Switch
          key={kind}
          label={t(`account.caseMails.${kind}`)}
          checked={caseMails[kind]}
          disabled={save.isPending}
          onChange={(event) => save.mutate({ ...caseMails, [kind]: event.currentTarget.checked })}
        />
      ))}
      <Text size="sm" role="status">
        {save.isSuccess ? t('account.caseMails.saved') : ''}
      </Text>
      {save.isError && <ErrorAlert error={save.error} />}
    </Stack>
  );
}
