import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OtpMethod } from '../../shared/reference.ts';
import { ApiError } from '../lib/api.ts';
import { ErrorText, Msg } from '../lib/errors.tsx';
import { useSubmitErrors } from '../lib/forms.ts';
import { useReauthenticate, type ReauthenticationFactor } from '../lib/reauthentication.ts';
import { CodeForm } from './CodeForm.tsx';
import { FormError } from './ErrorAlert.tsx';
import { PasswordField } from './PasswordField.tsx';

type Waiting = { resolve: () => void; reject: () => void };

/** Runs a change that may need a recent sign-in, asking "Confirm it's you" first when it does. */
export type Guard = <T>(change: () => Promise<T>) => Promise<T>;

/**
 * Changes to the password or the second factor (and, by an account administrator, to how the whole
 * account signs in) need the password and the second factor proven within the last few minutes.
 * `guard` runs such a change; when the server asks for that proof, it opens "Confirm it's you" and,
 * once confirmed, runs the change again. Closing the dialog leaves the server's answer as the
 * change's error. `intro` says why the dialog asks, where My Account's words do not fit.
 */
export function useRecentSignIn(otpMethod: OtpMethod, intro?: string) {
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const waitingRef = useRef<Waiting | null>(null);

  const guard: Guard = useCallback(async <T,>(change: () => Promise<T>): Promise<T> => {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof ApiError && error.messageKey === 'errors.reauthenticate')) throw error;
      await new Promise<void>((resolve, reject) => {
        waitingRef.current = { resolve, reject: () => reject(error) };
        setWaiting(waitingRef.current);
      });
      return change();
    }
  }, []);

  const settle = (confirmed: boolean) => {
    const current = waitingRef.current;
    waitingRef.current = null;
    setWaiting(null);
    if (confirmed) current?.resolve();
    else current?.reject();
  };

  const dialog = <ConfirmIdentityDialog opened={waiting !== null} otpMethod={otpMethod} intro={intro} onConfirmed={() => settle(true)} onClose={() => settle(false)} />;
  return { guard, dialog };
}

type DialogProps = { opened: boolean; otpMethod: OtpMethod; intro: string | undefined; onConfirmed: () => void; onClose: () => void };

function ConfirmIdentityDialog({ opened, otpMethod, intro, onConfirmed, onClose }: DialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.confirm.title')} centered withinPortal={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <ConfirmIdentityForm otpMethod={otpMethod} intro={intro} onConfirmed={onConfirmed} onCancel={onClose} />}
    </Modal>
  );
}

/**
 * The password first; then the code, which for e-mailed codes the password's check has just mailed,
 * or a passkey where the account's rule no longer accepts e-mailed codes.
 */
function ConfirmIdentityForm({ otpMethod, intro, onConfirmed, onCancel }: { otpMethod: OtpMethod; intro: string | undefined; onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reauthenticate = useReauthenticate();
  const [password, setPassword] = useState<string | null>(null);
  const [factor, setFactor] = useState<ReauthenticationFactor>(otpMethod);
  // Named as the server names it, so its "not correct" lands under the field.
  const form = useForm({
    initialValues: { currentPassword: '' },
    validate: { currentPassword: (value) => (value ? null : <Msg k="validation.passwordRequired" />) },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { currentPassword: 'validation.passwordRequired' });
  const cancel: ReactNode = (
    <Button variant="subtle" onClick={onCancel}>
      {t('common.cancel')}
    </Button>
  );

  if (password !== null && factor === 'passkey') {
    return (
      <Stack gap="md">
        <Alert color="blue" variant="light" role="status">
          {t('account.confirm.passkey')}
        </Alert>
        <Group gap="sm">
          <Button
            loading={reauthenticate.isPending}
            onClick={() => reauthenticate.mutate({ password, passkey: true }, { onSuccess: (answer) => answer.done && onConfirmed() })}
          >
            {t('account.confirm.usePasskey')}
          </Button>
          {cancel}
        </Group>
        {reauthenticate.isError && <FormError message={<ErrorText error={reauthenticate.error} />} />}
      </Stack>
    );
  }

  if (password !== null) {
    return (
      <Stack gap="md">
        <Alert color="blue" variant="light" role="status">
          {otpMethod === 'email' ? t('account.confirm.codeSent') : t('account.confirm.appCode')}
        </Alert>
        <CodeForm
          autoFocus
          label={otpMethod === 'email' ? t('login.oneTimePasscode') : t('verify.code')}
          submitLabel={t('account.confirm.submit')}
          loading={reauthenticate.isPending}
          onSubmit={async (code) => {
            await reauthenticate.mutateAsync({ password, code });
            onConfirmed();
          }}
        >
          {cancel}
        </CodeForm>
      </Stack>
    );
  }

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const answer = await reauthenticate.mutateAsync({ password: values.currentPassword });
      if (answer.factor) setFactor(answer.factor);
      setPassword(values.currentPassword);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{intro ?? t('account.confirm.intro')}</Text>
        <PasswordField label={t('login.password')} autoComplete="current-password" data-autofocus {...form.getInputProps('currentPassword')} />
        <FormError message={formError} />
        <Group gap="sm">
          <Button type="submit" loading={reauthenticate.isPending}>
            {t('account.confirm.continue')}
          </Button>
          {cancel}
        </Group>
      </Stack>
    </form>
  );
}
