import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { Msg } from '../../../lib/errors.tsx';
import { useCreateAccount, type AdminAccount } from '../api/accounts.ts';
import { CopyValue } from './CopyValue.tsx';

export const ACCOUNT_NAME_MAX = 200;

export const accountName = (value: string) =>
  !value.trim() ? <Msg k="validation.required" /> : value.trim().length > ACCOUNT_NAME_MAX ? <Msg k="validation.tooLong" values={{ max: ACCOUNT_NAME_MAX }} /> : null;

/** "New account": the answer shows the Customer Identifier the customer's staff register with. */
export function CreateAccountForm() {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const [created, setCreated] = useState<AdminAccount | null>(null);
  const form = useForm({ initialValues: { name: '' }, validate: { name: accountName } });
  const { formError, showError, clearError } = useSubmitErrors(form, { name: 'validation.required' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    setCreated(null);
    try {
      setCreated(await create.mutateAsync(values.name.trim()));
      form.reset();
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput label={t('admin.accounts.name')} autoComplete="organization" maxLength={ACCOUNT_NAME_MAX} style={{ flex: 1, minWidth: 240 }} {...form.getInputProps('name')} />
          <Button type="submit" loading={create.isPending} mt={{ base: 0, xs: 25 }}>
            {t('admin.accounts.create')}
          </Button>
        </Group>
        <FormError message={formError} />
      </form>
      <div role="status">
        {created && (
          <Alert color="green" variant="light" title={t('admin.accounts.created', { name: created.name })}>
            <Stack gap="xs">
              <Text>{t('admin.accounts.identifierHint')}</Text>
              <CopyValue value={created.customerIdentifier} label={t('admin.accounts.identifier')} />
              <Anchor component={Link} to={`/admin/accounts/${created.id}`} c="blue.9">
                {t('admin.accounts.open', { name: created.name })}
              </Anchor>
            </Stack>
          </Alert>
        )}
      </div>
    </Stack>
  );
}
