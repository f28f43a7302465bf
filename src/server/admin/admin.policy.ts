import type { Actor } from '../lib/http.ts';

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
