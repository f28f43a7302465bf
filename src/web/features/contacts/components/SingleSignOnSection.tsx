import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Guard } from '../../../components/ConfirmIdentity.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { IdentityProviderForm, type IdentityProviderInput } from '../../../components/IdentityProviderForm.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { useIdentityProviderAt } from '../../../lib/identityProvider.ts';

/**
 * The account's single sign-on, on its administrator's Contacts page where the vendor allows it:
 * the vendor's own form, each change behind "Confirm it's you" when the sign-in is not recent.
 */
export function SingleSignOnSection({ accountId, guard }: { accountId: number; guard: Guard }) {
  const { t } = useTranslation();
  const { provider, save, remove } = useIdentityProviderAt(`/api/accounts/${accountId}/identity-provider`);
  return (
    <section aria-labelledby="sso-heading">
      <Title order={2} size="h3" id="sso-heading" mb="sm">
        {t('sso.admin.heading')}
      </Title>
      {provider.isPending ? (
        <PageLoader />
      ) : provider.isError ? (
        <ErrorAlert error={provider.error} onRetry={() => void provider.refetch()} />
      ) : (
        <IdentityProviderForm
          answer={provider.data}
          save={(input: IdentityProviderInput) => guard(() => save.mutateAsync(input))}
          remove={() => guard(() => remove.mutateAsync())}
          saving={save.isPending}
          removing={remove.isPending}
        />
      )}
    </section>
  );
}
