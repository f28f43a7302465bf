import type { Actor } from './http.ts';

/**
 * The two kinds of vendor staff every module asks about. A role alone is not enough: roles are
 * only ever granted within their kind, and checking the kind too keeps a mistaken grant harmless.
 */

/** Vendor administrators: accounts, staff, products, settings, every registration request. */
export const isVendorAdmin = (actor: Actor): boolean => actor.person.kind === 'staff' && actor.roles.includes('admin');

/** The vendor's support staff, agents and administrators: every case, the queue, the knowledge base. */
export const isSupportStaff = (actor: Actor): boolean => actor.person.kind === 'staff' && (actor.roles.includes('agent') || actor.roles.includes('admin'));
