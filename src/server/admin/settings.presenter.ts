import type { ContactDetails } from '../lib/settings.ts';
import type { SettingsView } from './settings.schemas.ts';

export type SettingsState = {
  terms: { version: string; texts: { en: string; ja: string } };
  contact: ContactDetails;
  contactIsSample: boolean;
  termsAreSample: boolean;
  storedAutoCloseHours: number | null;
  defaultAutoCloseDays: number;
};

export function presentSettings(state: SettingsState): SettingsView {
  const { terms, contact } = state;
  return {
    terms: { version: terms.version, textEn: terms.texts.en, textJa: terms.texts.ja },
    contact: { company: contact.company, email: contact.email, phone: contact.phone, hours: contact.hours, address: contact.address },
    autoClose: { hours: state.storedAutoCloseHours, defaultDays: state.defaultAutoCloseDays, effectiveHours: state.storedAutoCloseHours ?? state.defaultAutoCloseDays * 24 },
    samples: { terms: state.termsAreSample, contact: state.contactIsSample },
  };
}
