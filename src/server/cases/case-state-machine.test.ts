import { describe, expect, it } from 'vitest';
import type { CaseState } from '../db/schema.ts';
import { isAllowed, nextState, type CaseAction } from './case-state-machine.ts';

const N = 'new';
const W = 'work_in_progress';
const A = 'awaiting_info';
const R = 'resolved';
const C = 'closed';
const X = 'cancelled';
/** Refused: the action is answered with a 409 and nothing changes. */
const _ = null;

const STATES: CaseState[] = [N, W, A, R, C, X];

/**
 * SPEC "States", every action against every state: the state after the action, from
 * New, Work in Progress, Awaiting Info, Resolved, Closed and Cancelled in that order.
 */
const TABLE: Record<CaseAction, Array<CaseState | null>> = {
  //                 N  W  A  R  C  X
  start_work:       [W, W, W, _, _, _],
  request_info:     [A, A, _, _, _, _],
  propose_solution: [R, R, R, _, _, _],
  agent_close:      [C, C, C, C, _, _],
  cancel:           [X, X, X, _, _, _],
  customer_close:   [C, C, C, _, _, _], // a Resolved case waits for Accept or Reject
  accept_solution:  [_, _, _, C, _, _],
  reject_solution:  [_, _, _, W, _, _],
  customer_comment: [N, W, W, R, _, _], // only an answer to Awaiting Info puts the case back to work
  agent_comment:    [N, W, A, R, _, _],
  work_note:        [N, W, A, R, C, X], // internal notes go on after the end
  add_attachment:   [N, W, A, R, _, _],
  change_priority:  [N, W, A, R, _, _],
  assign:           [N, W, A, R, _, _],
  auto_close:       [_, _, _, C, _, _],
};

const cells = Object.entries(TABLE).flatMap(([action, row]) => STATES.map((state, i) => [action as CaseAction, state, row[i]!] as const));

describe('case states (SPEC "States"): every action against every state', () => {
  it.each(cells.filter(([, , to]) => to !== null))('%s takes %s to %s', (action, from, to) => {
    expect(isAllowed(action, from)).toBe(true);
    expect(nextState(action, from)).toBe(to);
  });

  it.each(cells.filter(([, , to]) => to === null))('%s is refused on %s', (action, from) => {
    expect(isAllowed(action, from)).toBe(false);
    expect(() => nextState(action, from)).toThrow(expect.objectContaining({ status: 409, code: 'invalid_state' }));
  });
});

describe('a refused action says why', () => {
  it.each<[CaseState, string]>([
    [C, 'Closed'],
    [X, 'Cancelled'],
  ])('on a %s case: it is final, make a follow-up case', (state, name) => {
    expect(() => nextState('customer_comment', state)).toThrow(
      expect.objectContaining({ message: `This case is ${name}; it cannot be changed any more. Create a follow-up case instead.`, messageKey: 'errors.caseFinal' }),
    );
  });

  it.each<[CaseAction, CaseState, string]>([
    ['accept_solution', N, 'New'],
    ['accept_solution', W, 'Work in Progress'],
    ['request_info', A, 'Awaiting Info'],
    ['customer_close', R, 'Resolved'],
  ])('%s on a %s case: not now, naming the state', (action, state, name) => {
    expect(() => nextState(action, state)).toThrow(
      expect.objectContaining({ message: `This cannot be done while the case is ${name}.`, messageKey: 'errors.caseInvalidState' }),
    );
  });
});
