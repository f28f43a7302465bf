import type { Actor } from '../lib/http.ts';
import { isSupportStaff } from '../lib/roles.ts';

/**
 * Who may look accounts up by name (the queue's account filter): the vendor's agents and
 * administrators. A contact is kept to their own account and never learns other customers' names.
 */
export const canLookUpAccounts = (actor: Actor) => isSupportStaff(actor);
