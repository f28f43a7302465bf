import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** Keys of the `settings` table that vendor administrators edit on the settings page. */
export const SETTING_KEYS = {
  termsVersion: 'terms_version',
  termsTextEn: 'terms_text_en',
  termsTextJa: 'terms_text_ja',
  contactCompany: 'contact_company',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  contactHours: 'contact_hours',
  contactAddress: 'contact_address',
  autoCloseDays: 'auto_close_days',
} as const;

export const AUTO_CLOSE_DAYS_MIN = 1;
export const AUTO_CLOSE_DAYS_MAX = 365;

/** The stored values of `keys`; a key that was never set is absent from the map. */
export async function readSettings(executor: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await executor.selectFrom('settings').select(['key', 'value']).where('key', 'in', [...keys]).execute();
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Stores each value; `null` removes the key, so its default applies again. */
export async function writeSettings(executor: Executor, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await executor.deleteFrom('settings').where('key', '=', key).execute();
    else await executor.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}

/** The auto-close days the administrators set, or null when AUTO_CLOSE_DAYS applies. */
export async function storedAutoCloseDays(executor: Executor): Promise<number | null> {
  const stored = (await readSettings(executor, [SETTING_KEYS.autoCloseDays])).get(SETTING_KEYS.autoCloseDays);
  const days = stored === undefined ? NaN : Number(stored);
  return Number.isInteger(days) && days >= AUTO_CLOSE_DAYS_MIN && days <= AUTO_CLOSE_DAYS_MAX ? days : null;
}

/** The days the auto-close job waits: the administrators' setting when set, else `fallback` (AUTO_CLOSE_DAYS). */
export async function autoCloseDays(executor: Executor, fallback: number): Promise<number> {
  return (await storedAutoCloseDays(executor)) ?? fallback;
}

/** The vendor's contact details ("Contact Us"); a detail never set is an empty string. */
export type ContactDetails = { company: string; email: string; phone: string; hours: string; address: string };

const contactKeys = {
  company: SETTING_KEYS.contactCompany,
  email: SETTING_KEYS.contactEmail,
  phone: SETTING_KEYS.contactPhone,
  hours: SETTING_KEYS.contactHours,
  address: SETTING_KEYS.contactAddress,
} as const satisfies Record<keyof ContactDetails, string>;

export async function readContactDetails(executor: Executor): Promise<ContactDetails> {
  const stored = await readSettings(executor, Object.values(contactKeys));
  const value = (field: keyof ContactDetails) => stored.get(contactKeys[field]) ?? '';
  return { company: value('company'), email: value('email'), phone: value('phone'), hours: value('hours'), address: value('address') };
}

export async function writeContactDetails(executor: Executor, details: ContactDetails): Promise<void> {
  await writeSettings(executor, Object.fromEntries(Object.entries(contactKeys).map(([field, key]) => [key, details[field as keyof ContactDetails]])));
}
