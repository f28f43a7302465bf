import { AppError } from '../lib/errors.ts';
import type { Actor } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';

/** Whose cases a dashboard reads: one account's, or every account's. */
export type DashboardScope = { accountId: number } | { all: true };

const notFound = () => new AppError('not_found', 'This account was not found.', 'errors.notFound');

/**
 * An account administrator sees their own account's dashboard (another account's id, or every
 * account, is not found: it reveals nothing); vendor administrators any account's or every
 * account's. Anyone else is refused.
 */
export function dashboardScope(actor: Actor, requested: number | 'all' | undefined): DashboardScope {
  if (isVendorAdmin(actor)) return requested === undefined || requested === 'all' ? { all: true } : { accountId: requested };
  const ownAccount = actor.person.kind === 'contact' && actor.roles.includes('account_admin') ? actor.person.account_id : null;
  if (ownAccount === null) throw new AppError('forbidden', 'Only account administrators and the vendor’s administrators can see the dashboard.', 'errors.forbidden');
  if (requested !== undefined && requested !== ownAccount) throw notFound();
  return { accountId: ownAccount };
}
