import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, Language, OtpMethod, PreferredContact, Role } from '../db/schema.ts';
import { recordAudit } from '../lib/audit.ts';
import { DAY } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { formatCustomerIdentifier, generateCustomerIdentifier } from '../lib/identifiers.ts';
import { generateTemporaryPassword, hashPassword, TEMPORARY_PASSWORD_DAYS } from '../lib/passwords.ts';
import { emailIsRegistered, insertAccount, insertPerson } from './accounts.repository.ts';

/** Creates a customer organisation with a fresh Customer Identifier; returns it formatted. */
export async function createAccount(db: Db, input: { name: string; now: number; actorId?: number }): Promise<{ id: number; customerIdentifier: string }> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AppError('bad_request', 'An account name needs 1 to 200 characters.', 'errors.accountName', 'name');
  // 31^10 identifiers: a collision is rare, but the unique index has the last word; try again then.
  for (let attempt = 0; attempt < 5; attempt++) {
    const customerIdentifier = generateCustomerIdentifier();
    try {
      const account = await db.transaction().execute(async (trx) => {
        const row = await insertAccount(trx, { name, customerIdentifier, now: input.now });
        await recordAudit(trx, { type: 'account.created', at: input.now, actorId: input.actorId, accountId: row.id, detail: { accountId: row.id, name } });
        return row;
      });
      return { id: account.id, customerIdentifier: formatCustomerIdentifier(customerIdentifier) };
    } catch (error) {
      if (attempt === 4 || !isUniqueViolation(error)) throw error;
    }
  }
  throw new Error('unreachable');
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export type NewPersonInput = {
  kind: 'contact' | 'staff';
  accountId: number | null;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  language?: Language;
  otpMethod?: OtpMethod;
  /** IANA zone; the callers default it to DEFAULT_TIME_ZONE. */
  timeZone: string;
  countryCode?: string;
  phone?: string;
  mobile?: string;
  preferredContact?: PreferredContact;
  now: number;
  actorId?: number;
};

/**
 * Creates a contact or a staff member with a temporary password that must be changed at the first
 * login. Returns the temporary password, which is shown or mailed once and never stored in clear.
 */
export async function createPersonWithTemporaryPassword(db: Db, input: NewPersonInput): Promise<{ id: number; temporaryPassword: string }> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = await db.transaction().execute((trx) => addPerson(trx, input, passwordHash));
  return { id, temporaryPassword };
}

/**
 * Inserts the person and their roles inside the caller's transaction; a taken e-mail is a 409.
 * The password is a temporary one to change at the first login, unless `temporary` is false (a
 * newcomer of single sign-on, whose hash no password matches: nothing to change).
 */
export async function addPerson(trx: Transaction<Database>, input: NewPersonInput, passwordHash: string, { temporary = true } = {}): Promise<number> {
  const email = input.email.trim().toLowerCase();
  const taken = () => new AppError('conflict', `The e-mail address ${email} is already registered.`, 'errors.emailRegistered', 'email');
  if (await emailIsRegistered(trx, email)) throw taken();
  try {
    const personId = await insertPerson(
      trx,
      {
        kind: input.kind,
        account_id: input.accountId,
        email,
        first_name: input.firstName.trim(),
        last_name: input.lastName.trim(),
        password_hash: passwordHash,
        password_must_change: temporary ? 1 : 0,
        password_expires_at: temporary ? input.now + TEMPORARY_PASSWORD_DAYS * DAY : null,
        time_zone: input.timeZone,
        country_code: input.countryCode ?? '',
        phone: input.phone ?? '',
        mobile: input.mobile ?? '',
        preferred_contact: input.preferredContact ?? 'portal',
        language: input.language ?? 'en',
        otp_method: input.otpMethod ?? 'email',
        active: 1,
        created_at: input.now,
        updated_at: input.now,
      },
      input.roles,
      input.now,
    );
    await recordAudit(trx, { type: 'person.created', at: input.now, personId, actorId: input.actorId, email, detail: { kind: input.kind, roles: input.roles } });
    return personId;
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
