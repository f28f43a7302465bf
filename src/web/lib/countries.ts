import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

export type CountryOption = { value: string; label: string };

/** "Japan +81" in the viewer's language. */
export function countryLabel(code: string, language: string): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    // An engine without region names still shows the ISO code.
  }
  try {
    return `${name} +${getCountryCallingCode(code as Parameters<typeof getCountryCallingCode>[0])}`;
  } catch {
    return name;
  }
}

const cache = new Map<string, CountryOption[]>();

/** Every country with a calling code, sorted by its name in the viewer's language. */
export function countryOptions(language: string): CountryOption[] {
  const cached = cache.get(language);
  if (cached) return cached;
  const collator = new Intl.Collator(language);
  const options = getCountries()
    .map((code) => ({ value: code as string, label: countryLabel(code, language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  cache.set(language, options);
  return options;
}

/** The region of the browser's language (ja-JP → JP), if it names one we list. */
export function browserCountry(): string {
  try {
    const region = new Intl.Locale(navigator.language).region;
    return region && (getCountries() as string[]).includes(region) ? region : '';
  } catch {
    return '';
  }
}
