import { Group, Radio, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CountryCodeSelect } from './CountryCodeSelect.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

export type ContactDetailsField = 'timeZone' | 'countryCode' | 'phone' | 'mobile' | 'preferredContact' | 'language';

const CONTACT_METHODS = ['portal', 'email', 'phone'] as const;
const LANGUAGES = ['en', 'ja'] as const;

/**
 * "Time zone", "Country code", "Phone number", "Mobile phone", "Preferred contact method" and
 * "Language": the same fields when registering and in My Account.
 */
export function ContactDetailsFields({ inputProps }: { inputProps: (field: ContactDetailsField) => GetInputPropsReturnType }) {
  const { t } = useTranslation();
  return (
    <>
      <TimeZoneSelect label={t('registration.form.timeZone')} description={t('registration.form.timeZoneHint')} {...inputProps('timeZone')} />
      <CountryCodeSelect label={t('registration.form.countryCode')} description={t('registration.form.countryCodeHint')} {...inputProps('countryCode')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput label={t('registration.form.phone')} type="tel" autoComplete="tel" {...inputProps('phone')} />
        <TextInput label={t('registration.form.mobile')} description={t('common.optional')} type="tel" autoComplete="tel" {...inputProps('mobile')} />
      </SimpleGrid>
      <Select
        label={t('registration.form.preferredContact')}
        data={CONTACT_METHODS.map((method) => ({ value: method, label: t(`registration.contactMethods.${method}`) }))}
        allowDeselect={false}
        {...inputProps('preferredContact')}
      />
      <Radio.Group label={t('registration.form.language')} description={t('registration.form.languageHint')} {...inputProps('language')}>
        <Group mt="xs" gap="lg">
          {LANGUAGES.map((language) => (
            <Radio key={language} value={language} label={t(`languages.${language}`)} />
          ))}
        </Group>
      </Radio.Group>
    </>
  );
}
