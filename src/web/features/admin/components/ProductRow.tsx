import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../../lib/errors.tsx';
import { useUpdateProduct, type AdminProduct } from '../api/products.ts';
import { PRODUCT_NAME_MAX, productName } from './AddProductForm.tsx';

type Props = { product: AdminProduct; editing: boolean; onEdit: (editing: boolean) => void };

/** One product: its name (renamed in place with "Save"), whether it is offered, Retire / Reinstate. */
export function ProductRow({ product, editing, onEdit }: Props) {
  const { t } = useTranslation();
  const update = useUpdateProduct();
  const [name, setName] = useState(product.name);
  const [nameError, setNameError] = useState<ReactNode | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = productName(name);
    if (problem) return setNameError(problem);
    if (name.trim() === product.name) return onEdit(false);
    try {
      await update.mutateAsync({ id: product.id, name: name.trim() });
      setNameError(null);
      onEdit(false);
    } catch (error) {
      setNameError(<ErrorText error={error} />);
    }
  };

  const startEditing = () => {
    setName(product.name);
    setNameError(null);
    update.reset();
    onEdit(true);
  };

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {editing ? (
          <form onSubmit={save} noValidate>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                label={t('admin.products.newName')}
                value={name}
                maxLength={PRODUCT_NAME_MAX}
                onChange={(event) => setName(event.currentTarget.value)}
                error={nameError}
                data-autofocus
                autoFocus
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={update.isPending} mt={25}>
                {t('admin.products.save')}
              </Button>
              <Button variant="default" onClick={() => onEdit(false)} mt={25}>
                {t('common.cancel')}
              </Button>
            </Group>
          </form>
        ) : (
          <Text className="pre-wrap">{product.name}</Text>
        )}
      </Table.Th>
      <Table.Td>
        <Badge color={product.active ? 'teal.9' : 'gray.7'} variant="filled" tt="none" radius="sm">
          {product.active ? t('admin.products.active') : t('admin.products.retired')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {!editing && (
            <Button variant="default" size="xs" onClick={startEditing}>
              {t('admin.products.rename')}
            </Button>
          )}
          <Button
            variant="default"
            size="xs"
            loading={update.isPending && update.variables?.active !== undefined}
            onClick={() => update.mutate({ id: product.id, active: !product.active })}
          >
            {product.active ? t('admin.products.retire') : t('admin.products.reinstate')}
          </Button>
        </Group>
        {update.isError && !editing && (
          <Text size="sm" c="red.9" role="alert" mt={4}>
            <ErrorText error={update.error} />
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
