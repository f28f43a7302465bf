import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, isUiLanguage, UI_LANGUAGES } from '../i18n/index.ts';

/** The "Language" select of the header; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('layout.language')}
      size="xs"
      value={currentLanguage()}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isUiLanguage(value)) void chooseLanguage(value);
      }}
      data={UI_LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
      styles={{ root: { display: 'flex', alignItems: 'center', gap: 6 }, label: { marginBottom: 0, whiteSpace: 'nowrap' }, input: { minWidth: 96 } }}
    />
  );
}
