import type { Actor } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';

export type { Actor };

/**
 * Who may see and decide a registration request: approvers and administrators of the request's
 * account, and vendor administrators (also for accounts without an approver).
 */
export function canDecideRegistration(actor: Actor, request: { account_id: number }): boolean {
  if (actor.person.kind === 'staff') return isVendorAdmin(actor);
  return actor.person.account_id === request.account_id && (actor.roles.includes('approver') || actor.roles.includes('account_admin'));
}

/** Whose requests a person may list: their account's as approver or administrator, all as vendor admin. */
export function registrationListScope(actor: Actor): { all: true } | { accountId: number } | null {
  if (actor.person.kind === 'staff') return isVendorAdmin(actor) ? { all: true } : null;
  if (actor.person.account_id && (actor.roles.includes('approver') || actor.roles.includes('account_admin'))) return { accountId: actor.person.account_id };
  return null;
}
