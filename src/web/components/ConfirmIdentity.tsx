import { Alert, Button, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import type { OtpMethod } from '../../shared/reference.ts';
import { ApiError } from '../lib/api.ts';
import { ErrorText, Msg } from '../lib/errors.tsx';
import { useSubmitErrors } from '../lib/forms.ts';
import { useReauthenticate, useReproofOptions, useStartReproof, type FirstProof, type ReauthenticationFactor } from '../lib/reauthentication.ts';
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
  // Back from "Sign in again at …" (the server added `confirm=` to this page's address): the dialog
  // says how it went, or asks the second factor the provider did not check. The word leaves the
  // address at once, so a reload does not say it again.
  const [params, setParams] = useSearchParams();
  const [returned, setReturned] = useState<string | null>(() => params.get('confirm'));
  useEffect(() => {
    if (!params.has('confirm')) return;
    const next = new URLSearchParams(params);
    next.delete('confirm');
    setParams(next, { replace: true });
  }, [params, setParams]);

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
    // Confirmed after coming back from the provider, no change waits to run again: the dialog says so.
    setReturned(confirmed && !current ? 'confirmed' : null);
    if (confirmed) current?.resolve();
    else current?.reject();
  };

  const dialog = (
    <ConfirmIdentityDialog
      opened={waiting !== null || returned !== null}
      otpMethod={otpMethod}
      intro={intro}
      returned={waiting ? null : returned}
      onConfirmed={() => settle(true)}
      onClose={() => settle(false)}
    />
  );
  return { guard, dialog };
}

type DialogProps = { opened: boolean; otpMethod: OtpMethod; intro: string | undefined; returned: string | null; onConfirmed: () => void; onClose: () => void };

function ConfirmIdentityDialog({ opened, otpMethod, intro, returned, onConfirmed, onClose }: DialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.confirm.title')} centered withinPortal={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && returned === 'confirmed' && (
        <Stack gap="md">
          <Alert color="green" variant="light" role="status">
            {t('account.confirm.returned.confirmed')}
          </Alert>
          <Group>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      )}
      {opened && returned !== 'confirmed' && <ConfirmIdentityForm otpMethod={otpMethod} intro={intro} returned={returned} onConfirmed={onConfirmed} onCancel={onClose} />}
    </Modal>
  );
}

/** The words of a refused "Sign in again at …", by the server's `confirm=`; unknown words read as a refusal. */
const RETURNED_REFUSALS = ['other_person', 'stale', 'expired', 'cancelled', 'unavailable', 'locked', 'refused'] as const;
const refusalWord = (word: string) => RETURNED_REFUSALS.find((known) => known === word) ?? 'refused';

/**
 * The password, or a sign-in again at the organisation's provider where one answers for the
 * person's address; then the code, which for e-mailed codes the first step's check has just mailed,
 * or a passkey where the account's rule no longer accepts e-mailed codes. A provider that asserted
 * its own second factor confirms on its own (the page comes back confirmed).
 */
function ConfirmIdentityForm({ otpMethod, intro, returned, onConfirmed, onCancel }: { otpMethod: OtpMethod; intro: string | undefined; returned: string | null; onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const reauthenticate = useReauthenticate();
  const reproof = useReproofOptions();
  const startReproof = useStartReproof();
  const [proof, setProof] = useState<FirstProof | null>(null);
  const [factor, setFactor] = useState<ReauthenticationFactor>(otpMethod);
  // Why the provider's proof could not go on to the second factor (it expired): the password form says so.
  const [ssoStepError, setSsoStepError] = useState<Error | null>(null);
  const organisation = reproof.data?.organisation ?? null;
  // Back from the provider, which asserted no second factor: its proof stands for the password.
  const secondFactorDue = returned === 'second_factor' || reproof.data?.secondFactorDue === true;
  useEffect(() => {
    if (!secondFactorDue || proof !== null) return;
    // Once, when the provider's proof is known to wait for the second factor: for e-mailed codes this mails one.
    reauthenticate.mutate(
      { sso: true },
      {
        onSuccess: (answer) => {
          if (answer.factor) setFactor(answer.factor);
          setProof({ sso: true });
        },
        onError: setSsoStepError,
      },
    );
  }, [secondFactorDue]);
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

  if (proof !== null && factor === 'passkey') {
    return (
      <Stack gap="md">
        <Alert color="blue" variant="light" role="status">
          {t('account.confirm.passkey')}
        </Alert>
        <Group gap="sm">
          <Button
            loading={reauthenticate.isPending}
            onClick={() => reauthenticate.mutate({ ...proof, passkey: true }, { onSuccess: (answer) => answer.done && onConfirmed() })}
          >
            {t('account.confirm.usePasskey')}
          </Button>
          {cancel}
        </Group>
        {reauthenticate.isError && <FormError message={<ErrorText error={reauthenticate.error} />} />}
      </Stack>
    );
  }

  if (proof !== null) {
    return (
      <Stack gap="md">
        {'sso' in proof && (
          <Alert color="green" variant="light">
            {t('account.confirm.returned.second_factor')}
          </Alert>
        )}
        <Alert color="blue" variant="light" role="status">
          {otpMethod === 'email' ? t('account.confirm.codeSent') : t('account.confirm.appCode')}
        </Alert>
        <CodeForm
          autoFocus
          label={otpMethod === 'email' ? t('login.oneTimePasscode') : t('verify.code')}
          submitLabel={t('account.confirm.submit')}
          loading={reauthenticate.isPending}
          onSubmit={async (code) => {
            await reauthenticate.mutateAsync({ ...proof, code });
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
      setProof({ password: values.currentPassword });
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {returned !== null && returned !== 'second_factor' && (
          <Alert color="red" variant="light" role="alert">
            {t(`account.confirm.returned.${refusalWord(returned)}`)}
          </Alert>
        )}
        {ssoStepError !== null && <FormError message={<ErrorText error={ssoStepError} />} />}
        <Text>{intro ?? t('account.confirm.intro')}</Text>
        {organisation !== null && (
          <>
            <Text size="sm">{t('account.confirm.ssoIntro', { organisation })}</Text>
            <Group>
              <Button variant="light" loading={startReproof.isPending} onClick={() => startReproof.mutate(`${location.pathname}${location.search}`)}>
                {t('account.confirm.signInAgain', { organisation })}
              </Button>
            </Group>
            {startReproof.isError && <FormError message={<ErrorText error={startReproof.error} />} />}
            <Divider label={t('account.confirm.orPassword')} labelPosition="center" />
          </>
        )}
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
