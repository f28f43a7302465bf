import { describe, expect, it } from 'vitest';
import type { CaseState } from '../db/schema.ts';
import { isAllowed, nextState, type CaseAction } from './case-state-machine.ts';

const ALL: CaseState[] = ['new', 'work_in_progress', 'awaiting_info', 'resolved', 'closed', 'cancelled'];

describe('case states (SPEC "States")', () => {
  it.each<[CaseAction, CaseState, CaseState]>([
    ['start_work', 'new', 'work_in_progress'],
    ['customer_comment', 'awaiting_info', 'work_in_progress'],
    ['reject_solution', 'resolved', 'work_in_progress'],
    ['request_info', 'work_in_progress', 'awaiting_info'],
    ['propose_solution', 'work_in_progress', 'resolved'],
    ['accept_solution', 'resolved', 'closed'],
    ['customer_close', 'work_in_progress', 'closed'],
    ['agent_close', 'resolved', 'closed'],
    ['auto_close', 'resolved', 'closed'],
    ['cancel', 'new', 'cancelled'],
    ['customer_comment', 'work_in_progress', 'work_in_progress'],
  ])('%s moves %s to %s', (action, from, to) => {
    expect(nextState(action, from)).toBe(to);
  });

  it('keeps Closed and Cancelled final: no comment, attachment, re-open or close', () => {
    for (const state of ['closed', 'cancelled'] as const) {
      for (const action of ['customer_comment', 'agent_comment', 'add_attachment', 'start_work', 'accept_solution', 'customer_close', 'agent_close', 'change_priority'] as CaseAction[]) {
        expect(isAllowed(action, state), `${action} on ${state}`).toBe(false);
      }
      expect(() => nextState('customer_comment', state)).toThrow(/cannot be changed any more/);
    }
  });

  it('makes a Resolved case wait for the contact: no plain customer close, accept only when Resolved', () => {
    expect(isAllowed('customer_close', 'resolved')).toBe(false);
    for (const state of ALL.filter((s) => s !== 'resolved')) {
      expect(isAllowed('accept_solution', state)).toBe(false);
      expect(isAllowed('reject_solution', state)).toBe(false);
      expect(isAllowed('auto_close', state)).toBe(false);
    }
  });

  it('answers a refused action with a 409', () => {
    try {
      nextState('accept_solution', 'work_in_progress');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ status: 409, code: 'invalid_state' });
    }
  });
});
