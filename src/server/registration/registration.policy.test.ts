import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../db/schema.ts';
import { canDecideRegistration, registrationListScope } from './registration.policy.ts';

const ACME = 10;
const GLOBEX = 20;
const actor = (kind: 'staff' | 'contact', accountId: number | null, roles: Role[] = []) => ({ person: { id: 1, kind, account_id: accountId } as Person, roles });

const acmeRequest = { account_id: ACME };

describe('who decides a registration request', () => {
  it.each([
    ['an approver of its account', actor('contact', ACME, ['approver']), true],
    ['an administrator of its account', actor('contact', ACME, ['account_admin']), true],
    ['a vendor administrator', actor('staff', null, ['admin']), true],
    ['an approver of another account', actor('contact', GLOBEX, ['approver']), false],
    ['an administrator of another account', actor('contact', GLOBEX, ['account_admin']), false],
    ['a contact of its account without a role', actor('contact', ACME), false],
    ['an agent', actor('staff', null, ['agent']), false],
    ['staff holding the approver role', actor('staff', null, ['approver', 'account_admin']), false],
    ['a contact holding the vendor admin role', actor('contact', ACME, ['admin']), false],
  ])('%s: %s', (_who, viewer, may) => {
    expect(canDecideRegistration(viewer, acmeRequest)).toBe(may);
  });
});

describe('whose registration requests a list shows', () => {
  it.each([
    ['a vendor administrator: all', actor('staff', null, ['agent', 'admin']), { all: true }],
    ['an approver: their account', actor('contact', ACME, ['approver']), { accountId: ACME }],
    ['an account administrator: their account', actor('contact', GLOBEX, ['account_admin']), { accountId: GLOBEX }],
    ['an agent: none', actor('staff', null, ['agent']), null],
    ['a contact without a role: none', actor('contact', ACME), null],
    ['a contact holding the vendor admin role: none', actor('contact', ACME, ['admin']), null],
    ['an approver without an account: none', actor('contact', null, ['approver']), null],
  ])('%s', (_who, viewer, scope) => {
    expect(registrationListScope(viewer)).toEqual(scope);
  });
});
