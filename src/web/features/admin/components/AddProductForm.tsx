import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { Msg } from '../../../lib/errors.tsx';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useAddProduct } from '../api/products.ts';

export const PRODUCT_NAME_MAX = 200;

export const productName = (value: string) =>
  !value.trim() ? <Msg k="validation.required" /> : value.trim().length > PRODUCT_NAME_MAX ? <Msg k="validation.tooLong" values={{ max: PRODUCT_NAME_MAX }} /> : null;

/** "Add product": a new, active product that Create Case offers at once. */
export function AddProductForm() {
  const { t } = useTranslation();
  const add = useAddProduct();
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '' }, validate: { name: productName } });
  const { formError, showError, clearError } = useSubmitErrors(form, { name: 'validation.required' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    setAdded(null);
    try {
      const product = await add.mutateAsync(values.name.trim());
      form.reset();
      setAdded(product.name);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput label={t('admin.products.name')} autoComplete="off" maxLength={PRODUCT_NAME_MAX} style={{ flex: 1, minWidth: 240 }} {...form.getInputProps('name')} />
        <Button type="submit" loading={add.isPending} mt={{ base: 0, xs: 25 }}>
          {t('admin.products.add')}
        </Button>
      </Group>
      <FormError message={formError} />
      <div role="status">{added && t('admin.products.added', { name: added })}</div>
    </form>
  );
}
