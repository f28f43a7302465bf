import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { listArguments, runPrepared } from '../db/prepared.ts';

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
  autoCloseHours: 'auto_close_hours',
} as const;

/** An hour at least, so that a trial sees a case close the same day; a year at most. */
export const AUTO_CLOSE_HOURS_MIN = 1;
export const AUTO_CLOSE_HOURS_MAX = 365 * 24;

/** The stored values of `keys`; a key that was never set is absent from the map. */
export async function readSettings(executor: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  const list = listArguments('key', keys);
  const rows = await runPrepared(executor, `readSettings|${keys.length}`, list.args, (db, arg) => settingsQuery(db, list.slots(arg)));
  return new Map(rows.map((row) => [row.key, row.value]));
}
export function settingsQuery(executor: Executor, keys: readonly string[]) {
  return executor.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys);
}

/** Stores each value; `null` removes the key, so its default applies again. */
export async function writeSettings(executor: Executor, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await executor.deleteFrom('settings').where('key', '=', key).execute();
    else await executor.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}

/** The auto-close wait in hours the administrators set, or null when AUTO_CLOSE_DAYS applies. */
export async function storedAutoCloseHours(executor: Executor): Promise<number | null> {
  const stored = (await readSettings(executor, [SETTING_KEYS.autoCloseHours])).get(SETTING_KEYS.autoCloseHours);
  const hours = stored === undefined ? NaN : Number(stored);
  return Number.isInteger(hours) && hours >= AUTO_CLOSE_HOURS_MIN && hours <= AUTO_CLOSE_HOURS_MAX ? hours : null;
}

/** The hours the auto-close job waits: the administrators' setting when set, else AUTO_CLOSE_DAYS (`defaultDays`). */
export async function autoCloseHours(executor: Executor, defaultDays: number): Promise<number> {
  return (await storedAutoCloseHours(executor)) ?? defaultDays * 24;
}

/** The vendor's contact details ("Contact Us"); an empty detail is not shown. */
export type ContactDetails = { company: string; email: string; phone: string; hours: string; address: string };

const contactKeys = {
  company: SETTING_KEYS.contactCompany,
  email: SETTING_KEYS.contactEmail,
  phone: SETTING_KEYS.contactPhone,
  hours: SETTING_KEYS.contactHours,
  address: SETTING_KEYS.contactAddress,
} as const satisfies Record<keyof ContactDetails, string>;

/**
 * Shown on "Contact Us" until an administrator saves the vendor's own details, so a first start
 * shows what the page is for; the settings page asks the administrators to replace them.
 */
export const SAMPLE_CONTACT_DETAILS: ContactDetails = {
  company: 'Example Software K.K. — Customer Support',
  email: 'support@example.com',
  phone: '+81 3-0000-0000',
  hours: 'Weekdays 9:00–18:00 JST, except public holidays\n平日 9:00～18:00（土日祝日を除く）',
  address: '',
};

/** The details "Contact Us" shows; `sample` while no administrator has saved any. */
export async function readContactDetails(executor: Executor): Promise<{ details: ContactDetails; sample: boolean }> {
  const stored = await readSettings(executor, Object.values(contactKeys));
  if (stored.size === 0) return { details: SAMPLE_CONTACT_DETAILS, sample: true };
  const value = (field: keyof ContactDetails) => stored.get(contactKeys[field]) ?? '';
  return { details: { company: value('company'), email: value('email'), phone: value('phone'), hours: value('hours'), address: value('address') }, sample: false };
}

export async function writeContactDetails(executor: Executor, details: ContactDetails): Promise<void> {
  await writeSettings(executor, Object.fromEntries(Object.entries(contactKeys).map(([field, key]) => [key, details[field as keyof ContactDetails]])));
}
