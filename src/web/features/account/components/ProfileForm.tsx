import { Alert, Anchor, Button, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountryCodeSelect } from '../../../components/CountryCodeSelect.tsx';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { chooseLanguage } from '../../../i18n/index.ts';
import { useSubmitErrors } from '../../../lib/forms.ts';
import * as rules from '../../../lib/validation.tsx';
import { useSaveProfile, type Language, type PreferredContact, type Profile } from '../api/account.ts';

type Values = { timeZone: string | null; countryCode: string | null; phone: string; mobile: string; preferredContact: PreferredContact | null; language: Language };

const CONTACT_METHODS: PreferredContact[] = ['portal', 'email', 'phone'];
const LANGUAGES: Language[] = ['en', 'ja'];

/** Translated hints for the server's schema messages, which exist in English only. */
const HINTS: Record<string, string> = {
  timeZone: 'validation.choose',
  countryCode: 'validation.choose',
  phone: 'validation.phone',
  mobile: 'validation.phone',
  preferredContact: 'validation.choose',
  language: 'validation.choose',
};

/** The details a person keeps up to date themselves; the e-mail address and name are the vendor's to change. */
export function ProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      timeZone: profile.timeZone,
      countryCode: profile.countryCode,
      phone: profile.phone,
      mobile: profile.mobile,
      preferredContact: profile.preferredContact,
      language: profile.language,
    },
    validate: { timeZone: rules.chosen, countryCode: rules.chosen, phone: rules.phone, mobile: rules.optionalPhone, preferredContact: rules.chosen },
    onValuesChange: () => setSaved(false),
  });
  const { formError, showError, clearError } = useSubmitErrors(form, HINTS);

  const submit = form.onSubmit(async (values) => {
    clearError();
    setSaved(false);
    try {
      const updated = await save.mutateAsync({
        timeZone: values.timeZone ?? '',
        countryCode: values.countryCode ?? '',
        phone: values.phone.trim(),
        mobile: values.mobile.trim(),
        preferredContact: values.preferredContact ?? 'portal',
        language: values.language,
      });
      form.resetDirty();
      setSaved(true);
      if (updated.language !== profile.language) chooseLanguage(updated.language);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Stack gap="md">
      <DetailsTable
        rows={[
          { label: t('account.profile.email'), value: profile.email },
          { label: t('account.profile.name'), value: `${profile.firstName} ${profile.lastName}`.trim() },
        ]}
      />
      <Text size="sm">
        {t('account.profile.vendorChanges')}{' '}
        <Anchor component={Link} to="/contact-us">
          {t('nav.contactUs')}
        </Anchor>
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TimeZoneSelect label={t('registration.form.timeZone')} description={t('registration.form.timeZoneHint')} {...form.getInputProps('timeZone')} />
          <CountryCodeSelect label={t('registration.form.countryCode')} description={t('registration.form.countryCodeHint')} {...form.getInputProps('countryCode')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('registration.form.phone')} type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
            <TextInput label={t('registration.form.mobile')} description={t('common.optional')} type="tel" autoComplete="tel" {...form.getInputProps('mobile')} />
          </SimpleGrid>
          <Select
            label={t('registration.form.preferredContact')}
            data={CONTACT_METHODS.map((method) => ({ value: method, label: t(`registration.contactMethods.${method}`) }))}
            allowDeselect={false}
            {...form.getInputProps('preferredContact')}
          />
          <Radio.Group label={t('registration.form.language')} description={t('registration.form.languageHint')} {...form.getInputProps('language')}>
            <Group mt="xs" gap="lg">
              {LANGUAGES.map((language) => (
                <Radio key={language} value={language} label={t(`languages.${language}`)} />
              ))}
            </Group>
          </Radio.Group>
          <FormError message={formError} />
          {saved && (
            <Alert color="green" variant="light" role="status">
              {t('account.profile.saved')}
            </Alert>
          )}
          <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.profile.save')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
