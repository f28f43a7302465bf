import type { Db } from '../db/database.ts';
import { createAccount, createPersonWithTemporaryPassword } from '../accounts/accounts.service.ts';
import { setPersonActive } from '../accounts/contacts.repository.ts';
import { updatePerson } from '../auth/auth.repository.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import type { Actor } from '../lib/http.ts';
import { normalizeCustomerIdentifier } from '../lib/identifiers.ts';
import { endOtherSessions } from '../lib/sessions.ts';
import { deactivationRefusal } from './admin.policy.ts';
import {
  countOtherActiveAdmins,
  decodeCursor,
  encodeCursor,
  findAccount,
  findStaff,
  listAccounts,
  listHelpRequests,
  listStaff,
  lockAdministrators,
  renameAccount as updateAccountName,
  updateSsoSelfService,
  type AccountRow,
  type StaffRow,
} from './admin.repository.ts';
import type { StaffInput, StaffPreferences } from './admin.schemas.ts';

type Page = { cursor?: string; limit: number };
type Context = { now: number; ip: string };

const accountNotFound = () => new AppError('not_found', 'This account was not found.', 'errors.notFound');
const staffNotFound = () => new AppError('not_found', 'This staff member was not found.', 'errors.notFound');

/** One more row than the page is read, so the last page knows it is the last. */
function paged<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => string) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

/** Accounts by name; a search finds part of a name, or the account whose Customer Identifier was typed. */
export async function findAccounts(db: Db, query: Page & { q: string }) {
  const after = query.cursor ? decodeCursor<[string, number]>(query.cursor, ['string', 'number']) : null;
  const rows = await listAccounts(db, { q: query.q, identifier: query.q ? normalizeCustomerIdentifier(query.q) : null, after, limit: query.limit + 1 });
  return paged(rows, query.limit, (row) => encodeCursor([row.name, row.id]));
}

export async function viewAccount(db: Db, accountId: number): Promise<AccountRow> {
  const account = await findAccount(db, accountId);
  if (!account) throw accountNotFound();
  return account;
}

/** Creates an account the way `caseway account create` does, recorded as the administrator's act. */
export async function openAccount(options: { db: Db; actor: Actor; name: string; now: number }): Promise<AccountRow> {
  const created = await createAccount(options.db, { name: options.name, now: options.now, actorId: options.actor.person.id });
  return viewAccount(options.db, created.id);
}

export async function renameAccount(options: { db: Db; actor: Actor; accountId: number; name: string; context: Context }): Promise<AccountRow> {
  const { db, actor, accountId, name, context } = options;
  return db.transaction().execute(async (trx) => {
    const before = await findAccount(trx, accountId);
    if (!before) throw accountNotFound();
    if (before.name === name) return before;
    const renamed = await updateAccountName(trx, accountId, name);
    if (!renamed) throw accountNotFound();
    await recordAudit(trx, { type: 'account.renamed', at: context.now, actorId: actor.person.id, ip: context.ip, accountId, detail: { accountId, from: before.name, to: name } });
    return renamed;
  });
}

/**
 * Lets the account's own administrators manage its single sign-on provider, or stops them. A
 * provider they registered stays when the vendor stops them: the vendor's administrators manage it
 * from then on, and removing it is a decision of its own.
 */
export async function setSsoSelfService(options: { db: Db; actor: Actor; accountId: number; allowed: boolean; context: Context }): Promise<AccountRow> {
  const { db, actor, accountId, allowed, context } = options;
  return db.transaction().execute(async (trx) => {
    const before = await findAccount(trx, accountId);
    if (!before) throw accountNotFound();
    if ((before.sso_self_service === 1) === allowed) return before;
    const changed = await updateSsoSelfService(trx, accountId, allowed);
    if (!changed) throw accountNotFound();
    await recordAudit(trx, { type: 'account.sso_self_service_changed', at: context.now, actorId: actor.person.id, ip: context.ip, accountId, detail: { accountId, allowed } });
    return changed;
  });
}

export async function staffPage(db: Db, page: Page) {
  const after = page.cursor ? decodeCursor<[number]>(page.cursor, ['number'])[0] : null;
  const rows = await listStaff(db, after, page.limit + 1);
  return paged(rows, page.limit, (row) => encodeCursor([row.id]));
}

/**
 * Adds an agent or administrator with a temporary password, as `caseway staff create` does; the
 * password is returned to be shown once and must be changed at the first login.
 */
export async function createStaff(options: { db: Db; actor: Actor; input: StaffInput; defaultTimeZone: string; now: number }): Promise<{ staff: StaffRow; temporaryPassword: string }> {
  const { db, actor, input, now } = options;
  const created = await createPersonWithTemporaryPassword(db, {
    kind: 'staff',
    accountId: null,
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    // An administrator can do everything an agent can; holding both roles keeps checks simple.
    roles: input.role === 'admin' ? ['agent', 'admin'] : ['agent'],
    language: input.language,
    timeZone: input.timeZone ?? options.defaultTimeZone,
    otpMethod: input.otpMethod,
    now,
    actorId: actor.person.id,
  });
  const staff = await findStaff(db, created.id);
  if (!staff) throw staffNotFound();
  return { staff, temporaryPassword: created.temporaryPassword };
}

/**
 * Sets the language and time zone a staff member reads pages and mails in, as they can themselves
 * under My Account; recorded like their own change (which fields), with the administrator as actor.
 */
export async function updateStaffPreferences(options: { db: Db; actor: Actor; staffId: number; input: StaffPreferences; context: Context }): Promise<StaffRow> {
  const { db, actor, staffId, input, context } = options;
  await db.transaction().execute(async (trx) => {
    const target = await findStaff(trx, staffId);
    if (!target) throw staffNotFound();
    const fields = [
      ...(input.language !== undefined && input.language !== target.language ? (['language'] as const) : []),
      ...(input.timeZone !== undefined && input.timeZone !== target.time_zone ? (['timeZone'] as const) : []),
    ];
    // Saving what is already there is no change and no event.
    if (fields.length === 0) return;
    await updatePerson(trx, target.id, { language: input.language ?? target.language, time_zone: input.timeZone ?? target.time_zone, updated_at: context.now });
    await recordAudit(trx, { type: 'profile.updated', at: context.now, personId: target.id, actorId: actor.person.id, email: target.email, ip: context.ip, detail: { fields } });
  });
  return (await findStaff(db, staffId))!;
}

/**
 * Deactivates a staff member and ends their sessions in the same transaction, so they are out at
 * once. Refused for oneself and for the last active administrator.
 */
export async function deactivateStaff(options: { db: Db; actor: Actor; staffId: number; context: Context }): Promise<StaffRow> {
  const { db, actor, staffId, context } = options;
  await db.transaction().execute(async (trx) => {
    await lockAdministrators(trx);
    const target = await findStaff(trx, staffId);
    if (!target) throw staffNotFound();
    if (target.active !== 1) return;
    const refusal = deactivationRefusal(actor, { id: target.id, isAdmin: Boolean(target.is_admin) }, await countOtherActiveAdmins(trx, target.id));
    if (refusal === 'self') throw new AppError('invalid_state', 'You cannot deactivate yourself. Ask another administrator.', 'errors.deactivateSelfStaff');
    if (refusal === 'last_admin') {
      throw new AppError('invalid_state', 'This is the last active administrator. Make someone else an administrator first.', 'errors.lastAdministrator');
    }
    await setPersonActive(trx, target.id, false, context.now);
    const sessionsEnded = await endOtherSessions(trx, target.id);
    await recordAudit(trx, { type: 'person.deactivated', at: context.now, personId: target.id, actorId: actor.person.id, email: target.email, ip: context.ip, detail: { kind: 'staff', sessionsEnded } });
  });
  return (await findStaff(db, staffId))!;
}

export async function reactivateStaff(options: { db: Db; actor: Actor; staffId: number; context: Context }): Promise<StaffRow> {
  const { db, actor, staffId, context } = options;
  await db.transaction().execute(async (trx) => {
    const target = await findStaff(trx, staffId);
    if (!target) throw staffNotFound();
    if (target.active === 1) return;
    await setPersonActive(trx, target.id, true, context.now);
    await recordAudit(trx, { type: 'person.reactivated', at: context.now, personId: target.id, actorId: actor.person.id, email: target.email, ip: context.ip, detail: { kind: 'staff' } });
  });
  return (await findStaff(db, staffId))!;
}

export async function helpRequests(db: Db, page: Page) {
  const after = page.cursor ? decodeCursor<[number]>(page.cursor, ['number'])[0] : null;
  const rows = await listHelpRequests(db, after, page.limit + 1);
  return paged(rows, page.limit, (row) => encodeCursor([row.id]));
}
