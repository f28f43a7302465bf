import { Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, FormError } from '../../../components/ErrorAlert.tsx';
import { IdentityProviderForm } from '../../../components/IdentityProviderForm.tsx';
import { PageLoader } from '../../../components/PageLoader.tsx';
import { ErrorText } from '../../../lib/errors.tsx';
import { useIdentityProviderAt } from '../../../lib/identityProvider.ts';
import { useSetSsoSelfService, type AdminAccount } from '../api/accounts.ts';

/**
 * The account's single sign-on on its page: whether its own administrators may manage it (saved as
 * soon as it is switched), and the provider itself.
 */
export function AccountSsoSection({ account }: { account: AdminAccount }) {
  const { t } = useTranslation();
  const { provider: identityProvider, save, remove } = useIdentityProviderAt(`/api/admin/accounts/${account.id}/identity-provider`);
  const selfService = useSetSsoSelfService(account.id);
  // Shown switched at once; put back if the server refuses.
  const [checked, setChecked] = useState(account.ssoSelfService);
  const [changed, setChanged] = useState<boolean | null>(null);

  const switchSelfService = (allowed: boolean) => {
    setChanged(null);
    setChecked(allowed);
    selfService.mutate(allowed, {
      onSuccess: (saved) => {
        setChecked(saved.ssoSelfService);
        setChanged(saved.ssoSelfService);
      },
      onError: () => setChecked(!allowed),
    });
  };

  return (
    <Stack gap="md">
      <div>
        <Switch
          label={t('sso.admin.selfService')}
          description={t('sso.admin.selfServiceHint')}
          checked={checked}
          disabled={selfService.isPending}
          onChange={(event) => switchSelfService(event.currentTarget.checked)}
        />
        {selfService.isError && <FormError message={<ErrorText error={selfService.error} />} />}
        <div role="status">{changed !== null && t(changed ? 'sso.admin.selfServiceOn' : 'sso.admin.selfServiceOff')}</div>
      </div>
      {identityProvider.isPending ? (
        <PageLoader />
      ) : identityProvider.isError ? (
        <ErrorAlert error={identityProvider.error} onRetry={() => void identityProvider.refetch()} />
      ) : (
        <IdentityProviderForm answer={identityProvider.data} save={save.mutateAsync} remove={remove.mutateAsync} saving={save.isPending} removing={remove.isPending} />
      )}
    </Stack>
  );
}
