import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults with darker shades where its text would miss WCAG AA contrast (4.5:1):
 * white on blue.6 and red.6 error text, and the grey of "dimmed" descriptions.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", Meiryo, sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  // Plain objects rather than `Alert.extend(…)`: naming a component here would put its code (and
  // the Combobox's popover machinery) into every page's first download.
  components: {
    // The light variant colours an alert's title with shade 6, too pale on its tinted background.
    Alert: { styles: { title: { color: 'var(--mantine-color-black)' } } },
    // A closed select's hidden list is still labelled by the field's label, so "Time zone" would
    // name two elements; unmounting it when closed leaves the label one input.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
