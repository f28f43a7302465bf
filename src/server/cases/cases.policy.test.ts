import { describe, expect, it } from 'vitest';
import type { CaseState, Person, Role } from '../db/schema.ts';
import type { CaseAction } from './case-state-machine.ts';
import { allowedActions, canSeeCase, caseListScope, isAccountAdmin, mayTake } from './cases.policy.ts';

const ACME = 10;
const GLOBEX = 20;
const actor = (id: number, kind: 'staff' | 'contact', accountId: number | null, roles: Role[] = []) => ({ person: { id, kind, account_id: accountId } as Person, roles });

const agent = actor(1, 'staff', null, ['agent']);
const vendorAdmin = actor(2, 'staff', null, ['admin']);
/** Staff without a support role: neither a party to cases nor a contact. */
const roleless = actor(3, 'staff', null);
const contact = actor(4, 'contact', ACME);
const colleague = actor(5, 'contact', ACME);
const acmeAdmin = actor(6, 'contact', ACME, ['account_admin']);
const globexAdmin = actor(7, 'contact', GLOBEX, ['account_admin']);
const approver = actor(8, 'contact', ACME, ['approver']);
/** A contact mistakenly granted a staff role stays a contact. */
const contactWithStaffRole = actor(9, 'contact', ACME, ['agent', 'admin']);
/** A staff member mistakenly granted an account role is no account administrator. */
const staffWithAccountRole = actor(11, 'staff', null, ['account_admin']);
/** Staff filed under a customer's account by mistake are no contacts of it. */
const staffInAccount = actor(13, 'staff', ACME, ['account_admin']);

const contactsCase = { contact_id: contact.person.id, account_id: ACME };

describe('who sees a case', () => {
  it.each([
    ['its contact', contact, true],
    ['an administrator of its account', acmeAdmin, true],
    ['an agent', agent, true],
    ['a vendor administrator', vendorAdmin, true],
    ['a colleague who is not an account administrator', colleague, false],
    ['an approver of its account', approver, false],
    ['an administrator of another account', globexAdmin, false],
    ['a contact holding a staff role', contactWithStaffRole, false],
    ['staff without a support role', roleless, false],
    ['staff holding an account role', staffWithAccountRole, false],
    ['staff filed under its account', staffInAccount, false],
  ])('%s: %s', (_who, viewer, sees) => {
    expect(canSeeCase(viewer, contactsCase)).toBe(sees);
  });

  it('shows staff without a support role no case, even one naming their id as its contact', () => {
    expect(canSeeCase(roleless, { contact_id: roleless.person.id, account_id: ACME })).toBe(false);
  });

  it('lets a contact see their own case even when it is filed under another account', () => {
    expect(canSeeCase(contact, { contact_id: contact.person.id, account_id: GLOBEX })).toBe(true);
  });

  it('counts only contacts with the role as account administrators', () => {
    expect(isAccountAdmin(acmeAdmin)).toBe(true);
    expect(isAccountAdmin(colleague)).toBe(false);
    expect(isAccountAdmin(staffWithAccountRole)).toBe(false);
    expect(isAccountAdmin(staffInAccount)).toBe(false);
  });
});

describe('which cases a list holds', () => {
  it.each([
    ['an agent, own', agent, 'mine', { contactId: agent.person.id }],
    ['an agent, account', agent, 'account', { all: true }],
    ['an agent, all', agent, 'all', { all: true }],
    ['a vendor administrator, all', vendorAdmin, 'all', { all: true }],
    ['a contact, own', contact, 'mine', { contactId: contact.person.id }],
    ['an account administrator, own', acmeAdmin, 'mine', { contactId: acmeAdmin.person.id }],
    ['an account administrator, account', acmeAdmin, 'account', { accountId: ACME }],
  ] as const)('%s', (_who, viewer, requested, scope) => {
    expect(caseListScope(viewer, requested)).toEqual(scope);
  });

  it.each([
    ['a contact asking for the account', contact, 'account'],
    ['a contact asking for every case', contact, 'all'],
    ['an account administrator asking for every case', acmeAdmin, 'all'],
    ['a contact holding a staff role asking for every case', contactWithStaffRole, 'all'],
    ['staff without a support role', roleless, 'mine'],
    ['a contact without an account', actor(12, 'contact', null), 'mine'],
    ['staff filed under an account', staffInAccount, 'mine'],
  ] as const)('refuses %s with a 403', (_who, viewer, requested) => {
    expect(() => caseListScope(viewer, requested)).toThrow(expect.objectContaining({ status: 403, code: 'forbidden', messageKey: 'errors.forbidden' }));
  });

  it('tells why: only contacts have cases, and only account administrators see the account’s', () => {
    expect(() => caseListScope(roleless, 'mine')).toThrow('Only contacts of an account have cases.');
    expect(() => caseListScope(contact, 'account')).toThrow('Only account administrators can see every case of the account.');
  });
});

describe('who takes which action', () => {
  // auto_close is the job's, nobody's by hand.
  const parties: Record<CaseAction, 'contact' | 'agent' | 'both' | 'nobody'> = {
    customer_comment: 'contact',
    accept_solution: 'contact',
    reject_solution: 'contact',
    customer_close: 'contact',
    add_attachment: 'both',
    agent_comment: 'agent',
    work_note: 'agent',
    start_work: 'agent',
    assign: 'agent',
    request_info: 'agent',
    propose_solution: 'agent',
    agent_close: 'agent',
    cancel: 'agent',
    change_priority: 'agent',
    auto_close: 'nobody',
  };

  it.each(Object.entries(parties) as Array<[CaseAction, string]>)('%s: %s', (action, who) => {
    expect(mayTake(agent, action), 'agent').toBe(who === 'agent' || who === 'both');
    expect(mayTake(vendorAdmin, action), 'vendor administrator').toBe(who === 'agent' || who === 'both');
    expect(mayTake(contact, action), 'contact').toBe(who === 'contact' || who === 'both');
    expect(mayTake(acmeAdmin, action), 'account administrator').toBe(who === 'contact' || who === 'both');
    expect(mayTake(contactWithStaffRole, action), 'contact holding a staff role').toBe(who === 'contact' || who === 'both');
  });
});

describe('what the case page offers', () => {
  const CONTACT_OPEN = ['customer_comment', 'add_attachment', 'customer_close'];
  const AGENT_OPEN = ['agent_comment', 'work_note', 'add_attachment', 'start_work', 'assign', 'request_info', 'propose_solution', 'agent_close', 'cancel', 'change_priority'];

  it.each<[CaseState, string[], string[]]>([
    ['new', CONTACT_OPEN, AGENT_OPEN],
    ['work_in_progress', CONTACT_OPEN, AGENT_OPEN],
    ['awaiting_info', CONTACT_OPEN, AGENT_OPEN.filter((a) => a !== 'request_info')],
    ['resolved', ['customer_comment', 'add_attachment', 'accept_solution', 'reject_solution'], ['agent_comment', 'work_note', 'add_attachment', 'assign', 'agent_close', 'change_priority']],
    // Only a closed case offers a follow-up, and only to the customer.
    ['closed', ['follow_up'], ['work_note']],
    ['cancelled', [], ['work_note']],
  ])('on a %s case', (state, toContact, toAgent) => {
    const kase = { ...contactsCase, state };
    expect(allowedActions(contact, kase)).toEqual(toContact);
    expect(allowedActions(acmeAdmin, kase)).toEqual(toContact);
    expect(allowedActions(agent, kase)).toEqual(toAgent);
    expect(allowedActions(vendorAdmin, kase)).toEqual(toAgent);
  });
});
