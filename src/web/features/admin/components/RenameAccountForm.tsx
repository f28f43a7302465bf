import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useRenameAccount, type AdminAccount } from '../api/accounts.ts';
import { ACCOUNT_NAME_MAX, accountName } from './CreateAccountForm.tsx';

/** Renames an account; its Customer Identifier never changes. */
export function RenameAccountForm({ account }: { account: AdminAccount }) {
  const { t } = useTranslation();
  const rename = useRenameAccount(account.id);
  const [saved, setSaved] = useState(false);
  const form = useForm({ initialValues: { name: account.name }, validate: { name: accountName } });
  const { formError, showError, clearError } = useSubmitErrors(form, { name: 'validation.required' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    setSaved(false);
    try {
      const renamed = await rename.mutateAsync(values.name.trim());
      form.setValues({ name: renamed.name });
      form.resetDirty();
      setSaved(true);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput label={t('admin.accounts.name')} autoComplete="organization" maxLength={ACCOUNT_NAME_MAX} style={{ flex: 1, minWidth: 240 }} {...form.getInputProps('name')} />
        <Button type="submit" loading={rename.isPending} mt={{ base: 0, xs: 25 }}>
          {t('admin.accounts.rename')}
        </Button>
      </Group>
      <FormError message={formError} />
      <div role="status">{saved && t('admin.accounts.renamed')}</div>
    </form>
  );
}
