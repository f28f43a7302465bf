import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { allCurrentTerms } from '../auth/terms.ts';
import { recordAudit } from '../lib/audit.ts';
import type { Actor } from '../lib/http.ts';
import { readContactDetails, SETTING_KEYS, storedAutoCloseHours, writeContactDetails, writeSettings, type ContactDetails } from '../lib/settings.ts';
import { presentSettings } from './settings.presenter.ts';
import type { AutoCloseBody, ContactBody, SettingsView, TermsBody } from './settings.schemas.ts';

export type SettingsDeps = { db: Db; defaultAutoCloseDays: number };
type Context = { ip: string; now: number };
type Executor = Db | Transaction<Database>;

async function loadSettings(executor: Executor, defaultAutoCloseDays: number): Promise<SettingsView> {
  const [terms, contact, stored] = await Promise.all([allCurrentTerms(executor), readContactDetails(executor), storedAutoCloseHours(executor)]);
  return presentSettings({ terms, contact: contact.details, contactIsSample: contact.sample, termsAreSample: terms.sample, storedAutoCloseHours: stored, defaultAutoCloseDays });
}

/** The settings page: terms of use, contact details, the auto-close wait, each as now in force. */
export function viewSettings(deps: SettingsDeps): Promise<SettingsView> {
  return loadSettings(deps.db, deps.defaultAutoCloseDays);
}

/**
 * Saves the terms of use. A new version makes every person accept the terms again at their next
 * login (the sign-in compares the accepted version with this one); the same version with a new
 * text is a correction nobody is asked about.
 */
export async function saveTerms(deps: SettingsDeps, actor: Actor, input: TermsBody, context: Context): Promise<SettingsView> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await allCurrentTerms(trx);
    const fields = [
      ...(input.version !== current.version ? ['version'] : []),
      ...(input.textEn !== current.texts.en ? ['textEn'] : []),
      ...(input.textJa !== current.texts.ja ? ['textJa'] : []),
    ];
    // Saving the sample unchanged still adopts it, so the page stops asking to replace it.
    if (fields.length === 0 && !current.sample) return;
    await writeSettings(trx, { [SETTING_KEYS.termsVersion]: input.version, [SETTING_KEYS.termsTextEn]: input.textEn, [SETTING_KEYS.termsTextJa]: input.textJa });
    await recordAudit(trx, {
      type: 'settings.terms_changed',
      at: context.now,
      actorId: actor.person.id,
      ip: context.ip,
      detail: { fields, version: input.version, ...(input.version !== current.version ? { previousVersion: current.version } : {}) },
    });
  });
  return viewSettings(deps);
}

/** Saves the vendor's details that "Contact Us" shows every visitor. */
export async function saveContactDetails(deps: SettingsDeps, actor: Actor, input: ContactBody, context: Context): Promise<SettingsView> {
  await deps.db.transaction().execute(async (trx) => {
    const { details: current, sample } = await readContactDetails(trx);
    const fields = (Object.keys(current) as Array<keyof ContactDetails>).filter((field) => current[field] !== input[field]);
    if (fields.length === 0 && !sample) return;
    await writeContactDetails(trx, input);
    await recordAudit(trx, { type: 'settings.contact_changed', at: context.now, actorId: actor.person.id, ip: context.ip, detail: { fields } });
  });
  return viewSettings(deps);
}

/** Sets the hours a Resolved case waits for an answer before it closes; null returns to AUTO_CLOSE_DAYS. */
export async function saveAutoCloseWait(deps: SettingsDeps, actor: Actor, input: AutoCloseBody, context: Context): Promise<SettingsView> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await storedAutoCloseHours(trx);
    if (current === input.hours) return;
    await writeSettings(trx, { [SETTING_KEYS.autoCloseHours]: input.hours === null ? null : String(input.hours) });
    await recordAudit(trx, { type: 'settings.auto_close_changed', at: context.now, actorId: actor.person.id, ip: context.ip, detail: { fromHours: current, toHours: input.hours, defaultDays: deps.defaultAutoCloseDays } });
  });
  return viewSettings(deps);
}
