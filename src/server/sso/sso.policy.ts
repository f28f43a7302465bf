import { isAccountAdministrator } from '../accounts/contacts.policy.ts';
import type { Actor } from '../lib/http.ts';

/**
 * Why an account administrator may not manage this account's provider through the account's own
 * routes, or null when they may: one of its administrators, where the vendor turned self-service
 * on. Another account (or none) is `not_found`, as on the contacts list, so ids reveal nothing.
 * The vendor's administrators manage providers from Administration, under the vendor's own rules.
 */
export function selfServiceRefusal(actor: Actor, account: { id: number; sso_self_service: number } | undefined): 'forbidden' | 'not_found' | 'not_allowed' | null {
  if (!isAccountAdministrator(actor)) return 'forbidden';
  if (!account || actor.person.account_id !== account.id) return 'not_found';
  return account.sso_self_service === 1 ? null : 'not_allowed';
}
