import type { CaseState } from '../db/schema.ts';
import { AppError } from '../lib/errors.ts';

/**
 * Every change of a case's state goes through this table (SPEC "States"). An action not listed for
 * the current state is refused with a 409 before anything is written.
 */
export type CaseAction =
  | 'start_work'
  | 'request_info'
  | 'propose_solution'
  | 'agent_close'
  | 'cancel'
  | 'customer_close'
  | 'accept_solution'
  | 'reject_solution'
  | 'customer_comment'
  | 'agent_comment'
  | 'work_note'
  | 'add_attachment'
  | 'change_priority'
  | 'assign'
  | 'auto_close';

export const OPEN_STATES: readonly CaseState[] = ['new', 'work_in_progress', 'awaiting_info', 'resolved'];
export const FINAL_STATES: readonly CaseState[] = ['closed', 'cancelled'];

type Transition = { from: readonly CaseState[]; to: (from: CaseState) => CaseState };
const stay = (from: CaseState) => from;

const transitions: Record<CaseAction, Transition> = {
  start_work: { from: ['new', 'awaiting_info', 'work_in_progress'], to: () => 'work_in_progress' },
  request_info: { from: ['new', 'work_in_progress'], to: () => 'awaiting_info' },
  propose_solution: { from: ['new', 'work_in_progress', 'awaiting_info'], to: () => 'resolved' },
  agent_close: { from: OPEN_STATES, to: () => 'closed' },
  cancel: { from: ['new', 'work_in_progress', 'awaiting_info'], to: () => 'cancelled' },
  // A Resolved case waits for the contact's answer: Accept or Reject, not a plain close.
  customer_close: { from: ['new', 'work_in_progress', 'awaiting_info'], to: () => 'closed' },
  accept_solution: { from: ['resolved'], to: () => 'closed' },
  reject_solution: { from: ['resolved'], to: () => 'work_in_progress' },
  // The contact's answer to a request for information puts the case back to work.
  customer_comment: { from: OPEN_STATES, to: (from) => (from === 'awaiting_info' ? 'work_in_progress' : from) },
  agent_comment: { from: OPEN_STATES, to: stay },
  work_note: { from: [...OPEN_STATES, ...FINAL_STATES], to: stay },
  add_attachment: { from: OPEN_STATES, to: stay },
  change_priority: { from: OPEN_STATES, to: stay },
  assign: { from: OPEN_STATES, to: stay },
  auto_close: { from: ['resolved'], to: () => 'closed' },
};

export function isAllowed(action: CaseAction, state: CaseState): boolean {
  return transitions[action].from.includes(state);
}

const stateNames: Record<CaseState, string> = {
  new: 'New',
  work_in_progress: 'Work in Progress',
  awaiting_info: 'Awaiting Info',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The state after `action`, or a 409 naming why it cannot happen now. */
export function nextState(action: CaseAction, state: CaseState): CaseState {
  if (!isAllowed(action, state)) {
    const final = FINAL_STATES.includes(state);
    throw new AppError(
      'invalid_state',
      final
        ? `This case is ${stateNames[state]}; it cannot be changed any more. Create a follow-up case instead.`
        : `This cannot be done while the case is ${stateNames[state]}.`,
      final ? 'errors.caseFinal' : 'errors.caseInvalidState',
    );
  }
  return transitions[action].to(state);
}
