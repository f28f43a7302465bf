import { Group, Radio, type RadioGroupProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const LANGUAGES = ['en', 'ja'] as const;

/** "Language" of a staff member, English or 日本語: on the new-staff form and the preferences dialog. */
export function StaffLanguageRadios(props: Omit<RadioGroupProps, 'label' | 'children'>) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={t('admin.staff.language')} {...props}>
      <Group mt="xs" gap="lg">
        {LANGUAGES.map((language) => (
          <Radio key={language} value={language} label={t(`languages.${language}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}
