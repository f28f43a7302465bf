import type { Actor } from '../lib/http.ts';
import { isSupportStaff } from '../lib/roles.ts';
import { AppError } from '../lib/errors.ts';
import { isAllowed, type CaseAction } from './case-state-machine.ts';
import type { CaseScope } from './cases.repository.ts';

export type CaseActor = Actor;
type CaseRef = { contact_id: number; account_id: number; state: Parameters<typeof isAllowed>[1]; watcherOnly?: boolean };

export const isStaff = isSupportStaff;
export const isAccountAdmin = (actor: CaseActor) => actor.person.kind === 'contact' && actor.roles.includes('account_admin');

/**
 * A contact sees their own cases; an account administrator every case of the account; vendor
 * staff every case. Anyone else gets a 404, so a case number reveals nothing.
 */
export function canSeeCase(actor: CaseActor, kase: { contact_id: number; account_id: number }): boolean {
  if (isStaff(actor)) return true;
  if (actor.person.kind !== 'contact') return false;
  if (kase.contact_id === actor.person.id) return true;
  return isAccountAdmin(actor) && actor.person.account_id === kase.account_id;
}

/** The rows a list may hold for this viewer; asking for more than they may see is a 403. */
export function caseListScope(actor: CaseActor, requested: 'mine' | 'account' | 'following' | 'all'): CaseScope {
  if (isStaff(actor)) return requested === 'mine' ? { contactId: actor.person.id } : { all: true };
  if (actor.person.kind !== 'contact' || !actor.person.account_id) throw new AppError('forbidden', 'Only contacts of an account have cases.', 'errors.forbidden');
  if (requested === 'mine') return { contactId: actor.person.id };
  if (requested === 'following') return { watcherId: actor.person.id };
  if (requested === 'account' && isAccountAdmin(actor)) return { accountId: actor.person.account_id };
  throw new AppError('forbidden', 'Only account administrators can see every case of the account.', 'errors.forbidden');
}

const CUSTOMER_ACTIONS: CaseAction[] = ['customer_comment', 'add_attachment', 'accept_solution', 'reject_solution', 'customer_close'];
const WATCHER_ONLY_ACTIONS: CaseAction[] = ['customer_comment', 'add_attachment'];
const AGENT_ACTIONS: CaseAction[] = ['agent_comment', 'work_note', 'add_attachment', 'start_work', 'assign', 'request_info', 'propose_solution', 'agent_close', 'cancel', 'change_priority'];

/** Whether this person may take this action as a party to the case (the state is checked apart). */
export function mayTake(actor: CaseActor, action: CaseAction, kase?: { watcherOnly?: boolean }): boolean {
  if (isStaff(actor)) return AGENT_ACTIONS.includes(action);
  return (kase?.watcherOnly ? WATCHER_ONLY_ACTIONS : CUSTOMER_ACTIONS).includes(action);
}

/** What the case page offers now: actions the person may take that the state allows. */
export function allowedActions(actor: CaseActor, kase: CaseRef): string[] {
  // A watcher (CC) comments and adds files; the decisions stay with the contact and the administrators.
  const mine = isStaff(actor) ? AGENT_ACTIONS : kase.watcherOnly ? WATCHER_ONLY_ACTIONS : CUSTOMER_ACTIONS;
  const actions: string[] = mine.filter((action) => isAllowed(action, kase.state));
  if (!isStaff(actor) && !kase.watcherOnly && kase.state === 'closed') actions.push('follow_up');
  return actions;
}
