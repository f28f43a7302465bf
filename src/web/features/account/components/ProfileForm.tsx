import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DetailsTable } from '../../../components/DetailsTable.tsx';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { chooseLanguage } from '../../../i18n/index.ts';
import { useSubmitErrors } from '../../../lib/forms.ts';
import * as rules from '../../../lib/validation.tsx';
import { useSaveProfile, type Language, type PreferredContact, type Profile } from '../api/account.ts';
import { ContactDetailsFields } from '../../../components/ContactDetailsFields.tsx';
import { fullName } from '../../../lib/session.ts';

type Values = { timeZone: string | null; countryCode: string | null; phone: string; mobile: string; preferredContact: PreferredContact | null; language: Language };


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
      if (updated.language !== profile.language) void chooseLanguage(updated.language);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Stack gap="md">
      <DetailsTable
        rows={[
          { label: t('account.profile.email'), value: profile.email },
          { label: t('account.profile.name'), value: fullName(profile) },
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
          <ContactDetailsFields inputProps={(field) => form.getInputProps(field)} />
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
