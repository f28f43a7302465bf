import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Msg } from '../lib/errors.tsx';
import { useSubmitErrors } from '../lib/forms.ts';
import { FormError } from './ErrorAlert.tsx';
import { GrowingTextarea } from './GrowingTextarea.tsx';

export type IdentityProvider = { issuer: string; clientId: string; clientSecretSet: boolean; domains: string[]; mfaAcrValues: string[]; updatedAt: number };
export type IdentityProviderAnswer = { provider: IdentityProvider | null; redirectUri: string };
export type IdentityProviderInput = { issuer: string; clientId: string; clientSecret?: string; domains: string[]; mfaAcrValues: string[] };

type Props = {
  answer: IdentityProviderAnswer;
  save: (input: IdentityProviderInput) => Promise<unknown>;
  remove: () => Promise<unknown>;
  saving: boolean;
  removing: boolean;
};

const lines = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean);

/**
 * The account's OpenID Connect provider: where its contacts of the listed domains sign in. The
 * client secret is asked for once and never shown again; left empty later, the saved one stays.
 * On the vendor administrator's account page and, where the vendor allows it, on the account
 * administrator's Contacts page; each page brings the requests that save and remove it.
 */
export function IdentityProviderForm({ answer, save, remove, saving, removing }: Props) {
  const { t } = useTranslation();
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const provider = answer.provider;
  const form = useForm({
    initialValues: {
      issuer: provider?.issuer ?? '',
      clientId: provider?.clientId ?? '',
      clientSecret: '',
      domains: provider?.domains.join('\n') ?? '',
      mfaAcrValues: provider?.mfaAcrValues.join('\n') ?? '',
    },
    validate: {
      issuer: (value) => (value.trim() ? null : <Msg k="validation.required" />),
      clientId: (value) => (value.trim() ? null : <Msg k="validation.required" />),
      clientSecret: (value) => (value || provider ? null : <Msg k="validation.required" />),
      domains: (value) => (lines(value).length ? null : <Msg k="validation.required" />),
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, { issuer: 'validation.required', clientId: 'validation.required', clientSecret: 'validation.required', domains: 'validation.required' });

  const submit = form.onSubmit(async (values) => {
    clearError();
    setDone(null);
    try {
      await save({
        issuer: values.issuer.trim(),
        clientId: values.clientId.trim(),
        ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
        domains: lines(values.domains),
        mfaAcrValues: values.mfaAcrValues.split(/\s+/).filter(Boolean),
      });
      form.setFieldValue('clientSecret', '');
      setDone('saved');
    } catch (error) {
      showError(error);
    }
  });

  const removeProvider = async () => {
    clearError();
    setDone(null);
    try {
      await remove();
      form.setValues({ issuer: '', clientId: '', clientSecret: '', domains: '', mfaAcrValues: '' });
      setDone('removed');
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Stack gap="md">
      <Text>{t('sso.admin.intro')}</Text>
      <div>
        <Text fw={600} size="sm">
          {t('sso.admin.redirectUri')}
        </Text>
        <Text ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {answer.redirectUri}
        </Text>
      </div>
      {!provider && <Alert variant="light">{t('sso.admin.none')}</Alert>}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('sso.admin.issuer')} type="url" autoComplete="off" placeholder="https://login.example.com/realms/acme" {...form.getInputProps('issuer')} />
          <TextInput label={t('sso.admin.clientId')} autoComplete="off" {...form.getInputProps('clientId')} />
          <TextInput
            label={t('sso.admin.clientSecret')}
            type="password"
            autoComplete="new-password"
            description={provider?.clientSecretSet ? t('sso.admin.clientSecretKept') : undefined}
            {...form.getInputProps('clientSecret')}
          />
          <GrowingTextarea label={t('sso.admin.domains')} description={t('sso.admin.domainsHint')} minRows={2} {...form.getInputProps('domains')} />
          <GrowingTextarea label={t('sso.admin.mfaAcrValues')} description={t('sso.admin.mfaAcrHint')} minRows={1} {...form.getInputProps('mfaAcrValues')} />
          <FormError message={formError} />
          <Group gap="sm">
            <Button type="submit" loading={saving}>
              {t('sso.admin.save')}
            </Button>
            {provider && (
              <Button variant="default" color="red" loading={removing} onClick={() => void removeProvider()}>
                {t('sso.admin.remove')}
              </Button>
            )}
          </Group>
          <div role="status">{done && t(done === 'saved' ? 'sso.admin.saved' : 'sso.admin.removed')}</div>
        </Stack>
      </form>
    </Stack>
  );
}
