import type { Actor } from '../lib/http.ts';

/** Vendor administrators manage accounts, staff and every registration request. */
export function isVendorAdmin(actor: Actor): boolean {
  return actor.person.kind === 'staff' && actor.roles.includes('admin');
}

export type DeactivationRefusal = 'self' | 'last_admin' | null;

/**
 * Why a staff member may not be deactivated: nobody locks themselves out, and the portal always
 * keeps one active administrator who can undo a mistake.
 */
export function deactivationRefusal(actor: Actor, target: { id: number; isAdmin: boolean }, otherActiveAdmins: number): DeactivationRefusal {
  if (target.id === actor.person.id) return 'self';
  if (target.isAdmin && otherActiveAdmins === 0) return 'last_admin';
  return null;
}
