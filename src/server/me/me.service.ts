import type { Db } from '../db/database.ts';
import type { Person, PersonUpdate, Session } from '../db/schema.ts';
import { findPersonById, updatePerson } from '../auth/auth.repository.ts';
import { accountPolicyOf, policyAccepts } from '../auth/factor-policy.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { advanceSession, endOtherSessions, endSession, SESSION_IDLE_MS, type SessionContext } from '../lib/sessions.ts';
import { verifyTotp } from '../lib/totp.ts';
import { activeSessionsOf, promotePendingSecret } from './me.repository.ts';
import { presentSession, publicSessionId } from './me.presenter.ts';
import type { CaseMails, ProfileUpdate } from './me.schemas.ts';

export type MeDeps = { db: Db; serverKey: Buffer };

async function reload(db: Db, personId: number): Promise<Person> {
  const person = await findPersonById(db, personId);
  if (!person) throw new AppError('unauthenticated', 'Please log in to continue.', 'errors.unauthenticated');
  return person;
}

/** The fields of "My Account" a person may change, with their columns; the e-mail address and names stay the vendor's. */
const PROFILE_COLUMNS = { timeZone: 'time_zone', countryCode: 'country_code', phone: 'phone', mobile: 'mobile', preferredContact: 'preferred_contact', language: 'language' } as const satisfies Record<keyof ProfileUpdate, keyof Person>;

/** Saves what changed of the person's "My Account" fields, and records which fields those were. */
export async function updateProfile(deps: MeDeps, person: Person, input: ProfileUpdate, context: SessionContext): Promise<Person> {
  // Only what differs is written and recorded: Save on an unchanged form is no event.
  const changes: Record<string, unknown> = {};
  const fields: Array<keyof typeof PROFILE_COLUMNS> = [];
  for (const field of Object.keys(PROFILE_COLUMNS) as Array<keyof typeof PROFILE_COLUMNS>) {
    const column = PROFILE_COLUMNS[field];
    if (input[field] !== undefined && input[field] !== person[column]) {
      changes[column] = input[field];
      fields.push(field);
    }
  }
  if (fields.length === 0) return person;
  await deps.db.transaction().execute(async (trx) => {
    await updatePerson(trx, person.id, { ...(changes as PersonUpdate), updated_at: context.now });
    await recordAudit(trx, { type: 'profile.updated', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { fields } });
  });
  return reload(deps.db, person.id);
}

/** Saves which case mails the person receives (the reminder follows "resolved"). */
export async function saveCaseMails(deps: MeDeps, person: Person, input: CaseMails, context: SessionContext): Promise<Person> {
  const flag = (on: boolean) => (on ? 1 : 0);
  await deps.db.transaction().execute(async (trx) => {
    await updatePerson(trx, person.id, {
      mail_case_opened: flag(input.opened),
      mail_case_commented: flag(input.commented),
      mail_case_resolved: flag(input.resolved),
      mail_case_closed: flag(input.closed),
      updated_at: context.now,
    });
    await recordAudit(trx, { type: 'profile.updated', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { fields: ['caseMails'] } });
  });
  return reload(deps.db, person.id);
}

/**
 * A changed second factor is a security event: every other session of the person ends and the one
 * in use continues under a new token (ASVS 7.2.4).
 */
async function afterSecondFactorChange(deps: MeDeps, session: Session, person: Person, method: 'email' | 'app', context: SessionContext) {
  const { token } = await advanceSession(deps.db, session, 'active', context);
  return { token, person: await reload(deps.db, person.id), method };
}

/**
 * Back to e-mailed codes (the route asks for a recent sign-in): the authenticator secret is forgotten.
 * Refused while the account's policy does not accept e-mailed codes.
 */
export async function useEmailCodes(deps: MeDeps, session: Session, person: Person, context: SessionContext) {
  if (!policyAccepts(await accountPolicyOf(deps.db, person), 'email')) {
    throw new AppError('conflict', 'Your organisation does not allow e-mailed codes: keep your authenticator app or use a passkey.', 'errors.emailCodesNotAllowed');
  }
  await deps.db.transaction().execute(async (trx) => {
    await updatePerson(trx, person.id, { otp_method: 'email', totp_secret: null, totp_pending_secret: null, updated_at: context.now });
    await endOtherSessions(trx, person.id, session.id);
    await recordAudit(trx, { type: 'second_factor.changed', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { method: 'email' } });
  });
  return afterSecondFactorChange(deps, session, person, 'email', context);
}

/**
 * Pairs a new authenticator: a code from it (one step of drift) proves the pending secret was
 * scanned. The matched step is recorded, so the same code cannot sign in later.
 */
export async function pairNewAuthenticator(deps: MeDeps, session: Session, person: Person, code: string, context: SessionContext) {
  const secret = person.totp_pending_secret;
  const step = secret ? verifyTotp(secret, code, context.now, null) : null;
  const wrongCode = () => new AppError('bad_request', 'The code does not match. Scan the QR code again and enter the code the app shows now.', 'errors.totpWrong', 'code');
  if (!secret || step === null) {
    await recordAudit(deps.db, { type: 'second_factor.failed', at: context.now, personId: person.id, ip: context.ip, detail: { method: 'app', pairing: true } });
    throw wrongCode();
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await promotePendingSecret(trx, person.id, secret, step, context.now))) throw wrongCode();
    await endOtherSessions(trx, person.id, session.id);
    await recordAudit(trx, { type: 'second_factor.changed', at: context.now, personId: person.id, actorId: person.id, ip: context.ip, detail: { method: 'app' } });
  });
  return afterSecondFactorChange(deps, session, person, 'app', context);
}

/** The person's signed-in browsers, newest first, the one in use marked. */
export async function listSessions(deps: MeDeps, session: Session, now: number) {
  const sessions = await activeSessionsOf(deps.db, session.person_id, { now, idleMs: SESSION_IDLE_MS });
  return sessions.map((row) => presentSession(deps.serverKey, row, session.id));
}

/**
 * Ends one of the person's own sessions by its public id. Another person's session, or one that
 * already ended, is "not found": the answer tells nothing about sessions that are not theirs.
 */
export async function signOutSession(deps: MeDeps, session: Session, publicId: string, context: SessionContext): Promise<{ current: boolean }> {
  const sessions = await activeSessionsOf(deps.db, session.person_id, { now: context.now, idleMs: SESSION_IDLE_MS });
  const target = sessions.find((row) => publicSessionId(deps.serverKey, row.id) === publicId);
  if (!target) throw new AppError('not_found', 'This session has already ended.', 'errors.sessionNotFound');
  await endSession(deps.db, target.id);
  const current = target.id === session.id;
  await recordAudit(deps.db, { type: 'session.ended', at: context.now, personId: session.person_id, actorId: session.person_id, ip: context.ip, detail: { current } });
  return { current };
}
