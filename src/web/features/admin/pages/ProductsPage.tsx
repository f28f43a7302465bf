import { Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeading } from '../../../components/PageHeading.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useAdminProducts } from '../api/products.ts';
import { AddProductForm } from '../components/AddProductForm.tsx';
import { ProductRow } from '../components/ProductRow.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** "Products" for vendor administrators: the catalogue Create Case offers. */
export function ProductsPage() {
  const { t } = useTranslation();
  const products = useAdminProducts();
  const [editing, setEditing] = useState<number | null>(null);

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('admin.products.title')}</PageHeading>
        <Text>{t('admin.products.intro')}</Text>
      </div>
      <section aria-labelledby="add-product-heading">
        <Title order={2} size="h3" id="add-product-heading" mb="sm">
          {t('admin.products.addHeading')}
        </Title>
        <AddProductForm />
      </section>
      <section aria-labelledby="catalogue-heading">
        <Title order={2} size="h3" id="catalogue-heading" mb="sm">
          {t('admin.products.catalogue')}
        </Title>
        {products.isPending ? (
          <PageLoader />
        ) : products.isError ? (
          <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />
        ) : products.data.items.length === 0 ? (
          <Text>{t('admin.products.empty')}</Text>
        ) : (
          <ResponsiveTable minWidth={640} striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.products.nameColumn')}</Table.Th>
                  <Table.Th scope="col">{t('admin.products.state')}</Table.Th>
                  <Table.Th scope="col">{t('admin.products.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {products.data.items.map((product) => (
                  <ProductRow key={product.id} product={product} editing={editing === product.id} onEdit={(on) => setEditing(on ? product.id : null)} />
                ))}
              </Table.Tbody>
            </ResponsiveTable>
        )}
      </section>
    </Stack>
  );
}
