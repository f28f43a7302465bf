import type { Actor } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';

export const isAccountAdministrator = (actor: Actor) => actor.person.kind === 'contact' && actor.person.account_id !== null && actor.roles.includes('account_admin');

/** Whether the person manages contacts at all: account administrators and vendor administrators. */
export function managesContacts(actor: Actor): boolean {
  return isVendorAdmin(actor) || isAccountAdministrator(actor);
}

/**
 * The account whose contacts a list shows. An account administrator sees only their own account
 * (naming another gives null, answered as not found); a vendor administrator names any account.
 */
export function contactListAccount(actor: Actor, requested: number | undefined): number | null {
  if (isVendorAdmin(actor)) return requested ?? null;
  if (!isAccountAdministrator(actor)) return null;
  const own = actor.person.account_id!;
  return requested === undefined || requested === own ? own : null;
}

/** Whether the person may change this contact: one of their own account, or any for vendor administrators. */
export function canManageContact(actor: Actor, contact: { kind: string; account_id: number | null }): boolean {
  if (contact.kind !== 'contact' || contact.account_id === null) return false;
  if (isVendorAdmin(actor)) return true;
  return isAccountAdministrator(actor) && actor.person.account_id === contact.account_id;
}
