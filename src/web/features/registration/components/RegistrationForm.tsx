import { Button, Group, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { NameFields } from '../../../components/NameFields.tsx';
import { FormError } from '../../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { useSubmitErrors } from '../../../lib/forms.ts';
import { useSubmitRegistration, type OtpMethod, type PreferredContact, type RegistrationInput } from '../api/registration.ts';
import { browserCountry } from '../../../lib/countries.ts';
import { useSession } from '../../../lib/session.ts';
import { browserTimeZone } from '../../../lib/timeZones.ts';
import * as rules from '../../../lib/validation.tsx';
import { ContactDetailsFields } from '../../../components/ContactDetailsFields.tsx';

type Values = Omit<RegistrationInput, 'timeZone' | 'countryCode' | 'preferredContact'> & {
  timeZone: string | null;
  countryCode: string | null;
  preferredContact: PreferredContact | null;
};

const OTP_METHODS: OtpMethod[] = ['app', 'email'];

/** Translated hints for the server's schema messages, which exist in English only. */
const HINTS: Record<string, string> = {
  customerIdentifier: 'validation.identifier',
  firstName: 'validation.required',
  lastName: 'validation.required',
  email: 'validation.emailInvalid',
  timeZone: 'validation.choose',
  countryCode: 'validation.choose',
  phone: 'validation.phone',
  mobile: 'validation.phone',
  preferredContact: 'validation.choose',
  language: 'validation.choose',
  otpMethod: 'validation.choose',
};

/** The guide's registration form (§3.1 (3)), field by field in its order. */
export function RegistrationForm({ onSent }: { onSent: (number: string) => void }) {
  const { t } = useTranslation();
  const submitRegistration = useSubmitRegistration();
  // The browser knows where the applicant is; failing that, the portal's DEFAULT_TIME_ZONE.
  const defaultTimeZone = useSession().data?.defaultTimeZone;
  const form = useForm<Values>({
    initialValues: {
      customerIdentifier: '',
      firstName: '',
      lastName: '',
      email: '',
      timeZone: browserTimeZone() || defaultTimeZone || null,
      countryCode: browserCountry() || null,
      phone: '',
      mobile: '',
      preferredContact: 'portal',
      language: currentLanguage(),
      otpMethod: 'email',
    },
    validate: {
      customerIdentifier: rules.customerIdentifier,
      firstName: rules.name,
      lastName: rules.name,
      email: rules.email,
      timeZone: rules.chosen,
      countryCode: rules.chosen,
      phone: rules.phone,
      mobile: rules.optionalPhone,
      preferredContact: rules.chosen,
    },
  });
  const { formError, showError, clearError } = useSubmitErrors(form, HINTS);

  const submit = form.onSubmit(async (values) => {
    clearError();
    try {
      const created = await submitRegistration.mutateAsync({
        customerIdentifier: values.customerIdentifier.trim(),
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        email: values.email.trim(),
        timeZone: values.timeZone ?? '',
        countryCode: values.countryCode ?? '',
        phone: values.phone.trim(),
        mobile: values.mobile.trim(),
        preferredContact: values.preferredContact ?? 'portal',
        language: values.language,
        otpMethod: values.otpMethod,
      });
      onSent(created.number);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('registration.form.customerIdentifier')}
          description={t('registration.form.customerIdentifierHint')}
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('customerIdentifier')}
        />
        <NameFields
          firstName={<TextInput key="first" label={t('registration.form.firstName')} autoComplete="given-name" {...form.getInputProps('firstName')} />}
          lastName={<TextInput key="last" label={t('registration.form.lastName')} autoComplete="family-name" {...form.getInputProps('lastName')} />}
        />
        <TextInput label={t('registration.form.email')} type="email" autoComplete="email" {...form.getInputProps('email')} />
        <ContactDetailsFields inputProps={(field) => form.getInputProps(field)} />
        <Radio.Group label={t('registration.form.otpMethod')} description={t('registration.form.otpMethodHint')} {...form.getInputProps('otpMethod')}>
          <Group mt="xs" gap="lg">
            {OTP_METHODS.map((method) => (
              <Radio key={method} value={method} label={t(`registration.otpMethods.${method}`)} />
            ))}
          </Group>
        </Radio.Group>
        <FormError message={formError} />
        <Button type="submit" loading={submitRegistration.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('common.submit')}
        </Button>
      </Stack>
    </form>
  );
}
