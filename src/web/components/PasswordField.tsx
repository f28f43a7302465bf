import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's password input with a translated reveal button. The button's name avoids the word
 * "password", so "Password" finds only the input. Mantine leaves the button out of the Tab order;
 * here it is in it, so showing the typed characters works with the keyboard too.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return <PasswordInput {...props} visibilityToggleFocusable visibilityToggleButtonProps={{ 'aria-label': t('common.revealPassword') }} />;
}
