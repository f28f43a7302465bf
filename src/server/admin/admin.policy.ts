import type { Actor } from '../lib/http.ts';

/** Vendor administrators: staff holding the `admin` role. A contact never is one, whatever roles it holds. */
export function isVendorAdmin(actor: Actor): boolean {
  return actor.person.kind === 'staff' && actor.roles.includes('admin');
}
