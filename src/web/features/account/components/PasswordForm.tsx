import { Alert } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm.tsx';
import { useChangeOwnPassword } from '../api/account.ts';
import type { Guard } from '../../../components/ConfirmIdentity.tsx';

/** "Change password" for a signed-in person: the current password is required, other sessions end. */
export function PasswordForm({ guard }: { guard: Guard }) {
  const { t } = useTranslation();
  const change = useChangeOwnPassword();
  const [changed, setChanged] = useState(false);
  return (
    <ChangePasswordForm
      pending={change.isPending}
      submitLabel={t('account.password.submit')}
      resetOnSuccess
      onSubmit={async (values) => {
        setChanged(false);
        await guard(() => change.mutateAsync(values));
        setChanged(true);
      }}
      notice={
        changed && (
          <Alert color="green" variant="light" role="status">
            {t('account.password.changed')}
          </Alert>
        )
      }
    />
  );
}
