import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, Role } from '../db/schema.ts';
import { accountOf } from '../auth/auth.repository.ts';
import { setUpFactorsMeet, usesPairedApp } from '../auth/factor-policy.ts';
import { recordAudit, type AuditType } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import type { Actor } from '../lib/http.ts';
import { endOtherSessions } from '../lib/sessions.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { canManageContact, contactListAccount, managesContacts } from './contacts.policy.ts';
import {
  addRole,
  countOtherActiveHolders,
  findContact,
  listAccountContacts,
  lockAccountContacts,
  peopleWithPasskeys,
  removeRole,
  rolesOfPeople,
  setPersonActive,
  type ContactRow,
} from './contacts.repository.ts';
import type { ContactRole, ContactsQuery } from './contacts.schemas.ts';

export type ContactChangeContext = { now: number; ip: string };

const forbidden = () => new AppError('forbidden', 'Only account administrators can manage contacts.', 'errors.forbidden');
const contactNotFound = () => new AppError('not_found', 'This contact was not found.', 'errors.contactNotFound');

const lastHolder: Record<ContactRole, () => AppError> = {
  account_admin: () =>
    new AppError('conflict', 'This contact is the last administrator of the account. Make another active contact an administrator first.', 'errors.lastAccountAdmin'),
  approver: () =>
    new AppError('conflict', 'This contact is the last registration approver of the account. Make another active contact an approver first.', 'errors.lastApprover'),
};

/** The contacts of the viewer's account (or, for a vendor administrator, of the account named), in the order they joined. */
export async function listContacts({ db, actor, query }: { db: Db; actor: Actor; query: ContactsQuery }) {
  if (!managesContacts(actor)) throw forbidden();
  if (isVendorAdmin(actor) && query.accountId === undefined) {
    throw new AppError('bad_request', 'Name the account whose contacts to list (accountId).', 'errors.accountRequired', 'accountId');
  }
  const accountId = contactListAccount(actor, query.accountId);
  const account = accountId === null ? undefined : await accountOf(db, accountId);
  if (!account) throw new AppError('not_found', 'This account was not found.', 'errors.notFound');
  const rows = await listAccountContacts(db, account.id, query.after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.id);
  const [roles, withPasskeys] = await Promise.all([rolesOfPeople(db, ids), peopleWithPasskeys(db, ids)]);
  const policy = account.second_factor_policy;
  return {
    account: { id: account.id, name: account.name, secondFactorPolicy: policy, ssoSelfService: account.sso_self_service === 1 },
    items: page.map((row) => {
      const factors = { app: usesPairedApp(row), passkey: withPasskeys.has(row.id) };
      return { contact: row, roles: roles.get(row.id) ?? [], secondFactor: { ...factors, meetsPolicy: setUpFactorsMeet(policy, factors) } };
    }),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

/** A contact with every role they hold, as a change leaves them. */
export type ContactWithRoles = { contact: ContactRow; roles: Role[] };

type ContactChange = {
  db: Db;
  actor: Actor;
  contactId: number;
  context: ContactChangeContext;
};

/**
 * Loads the contact the actor may manage (404 otherwise, so another account's ids reveal nothing)
 * and applies `apply` under the account's lock, with the contact and its roles read inside it.
 * `apply` returns the audit event of the change, or null when there was nothing to change.
 */
async function changeContact(
  { db, actor, contactId, context }: ContactChange,
  apply: (trx: Transaction<Database>, contact: ContactRow, roles: ContactRole[]) => Promise<{ type: AuditType; detail: Record<string, unknown> } | null>,
): Promise<ContactWithRoles> {
  if (!managesContacts(actor)) throw forbidden();
  const found = await findContact(db, contactId);
  if (!found || !canManageContact(actor, found)) throw contactNotFound();
  const accountId = found.account_id!;
  await db.transaction().execute(async (trx) => {
    await lockAccountContacts(trx, accountId);
    const contact = await findContact(trx, contactId);
    if (!contact) throw contactNotFound();
    const roles = ((await rolesOfPeople(trx, [contact.id])).get(contact.id) ?? []).filter((role): role is ContactRole => role === 'approver' || role === 'account_admin');
    const event = await apply(trx, contact, roles);
    if (event) {
      await recordAudit(trx, { type: event.type, at: context.now, personId: contact.id, actorId: actor.person.id, email: contact.email, ip: context.ip, detail: { accountId, ...event.detail } });
    }
  });
  const contact = (await findContact(db, contactId))!;
  return { contact, roles: (await rolesOfPeople(db, [contactId])).get(contactId) ?? [] };
}

/** An active contact holding `role` may lose it only while another active contact of the account keeps it. */
async function ensureAnotherHolder(trx: Transaction<Database>, contact: ContactRow, role: ContactRole): Promise<void> {
  if (contact.active !== 1) return;
  if ((await countOtherActiveHolders(trx, contact.account_id!, role, contact.id)) === 0) throw lastHolder[role]();
}

/**
 * Deactivates a contact: they can no longer log in, and every session of theirs ends in the same
 * transaction, so their very next request is refused.
 */
export function deactivateContact(change: ContactChange): Promise<ContactWithRoles> {
  return changeContact(change, async (trx, contact, roles) => {
    if (contact.id === change.actor.person.id) {
      throw new AppError('forbidden', 'You cannot deactivate yourself. Ask another administrator of your account to do it.', 'errors.deactivateSelf');
    }
    if (contact.active !== 1) return null;
    for (const role of roles) await ensureAnotherHolder(trx, contact, role);
    await setPersonActive(trx, contact.id, false, change.context.now);
    await endOtherSessions(trx, contact.id);
    return { type: 'contact.deactivated', detail: {} };
  });
}

/** Lets a deactivated contact log in again, with the roles they had. */
export function reactivateContact(change: ContactChange): Promise<ContactWithRoles> {
  return changeContact(change, async (trx, contact) => {
    if (contact.active === 1) return null;
    await setPersonActive(trx, contact.id, true, change.context.now);
    return { type: 'contact.reactivated', detail: {} };
  });
}

export function grantContactRole(change: ContactChange & { role: ContactRole }): Promise<ContactWithRoles> {
  return changeContact(change, async (trx, contact, roles) => {
    if (roles.includes(change.role)) return null;
    await addRole(trx, contact.id, change.role, change.context.now);
    return { type: 'contact.role_granted', detail: { role: change.role } };
  });
}

/** Takes a role away, unless this contact is the account's last active holder of it. */
export function revokeContactRole(change: ContactChange & { role: ContactRole }): Promise<ContactWithRoles> {
  return changeContact(change, async (trx, contact, roles) => {
    if (!roles.includes(change.role)) return null;
    await ensureAnotherHolder(trx, contact, change.role);
    await removeRole(trx, contact.id, change.role);
    return { type: 'contact.role_revoked', detail: { role: change.role } };
  });
}
