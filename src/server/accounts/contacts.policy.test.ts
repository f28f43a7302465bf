import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../db/schema.ts';
import { canManageContact, contactListAccount, isAccountAdministrator, managesContacts } from './contacts.policy.ts';

const ACME = 10;
const GLOBEX = 20;
const actor = (id: number, kind: 'staff' | 'contact', accountId: number | null, roles: Role[] = []) => ({ person: { id, kind, account_id: accountId } as Person, roles });

const vendorAdmin = actor(1, 'staff', null, ['agent', 'admin']);
const agent = actor(2, 'staff', null, ['agent']);
const acmeAdmin = actor(3, 'contact', ACME, ['account_admin']);
const approver = actor(4, 'contact', ACME, ['approver']);
const contact = actor(5, 'contact', ACME);
/** Roles granted across kinds count for nothing (SPEC "People and roles"). */
const contactWithAdminRole = actor(6, 'contact', ACME, ['admin']);
const staffWithAccountRole = actor(7, 'staff', null, ['account_admin']);
const accountlessAdmin = actor(8, 'contact', null, ['account_admin']);
/** Staff filed under a customer's account by mistake are no contacts of it. */
const staffInAccount = actor(9, 'staff', ACME, ['account_admin']);

describe('who manages contacts', () => {
  it.each([
    ['a vendor administrator', vendorAdmin, true],
    ['an account administrator', acmeAdmin, true],
    ['an agent', agent, false],
    ['an approver', approver, false],
    ['a contact', contact, false],
    ['a contact holding the vendor admin role', contactWithAdminRole, false],
    ['staff holding the account admin role', staffWithAccountRole, false],
    ['an account administrator without an account', accountlessAdmin, false],
    ['staff filed under an account, holding the account admin role', staffInAccount, false],
  ])('%s: %s', (_who, viewer, manages) => {
    expect(managesContacts(viewer)).toBe(manages);
    expect(isAccountAdministrator(viewer)).toBe(viewer === acmeAdmin);
  });
});

describe('whose contacts a list shows', () => {
  it('a vendor administrator names any account, or none', () => {
    expect(contactListAccount(vendorAdmin, GLOBEX)).toBe(GLOBEX);
    expect(contactListAccount(vendorAdmin, undefined)).toBeNull();
  });

  it('an account administrator sees their own account, asked for or not, and no other', () => {
    expect(contactListAccount(acmeAdmin, undefined)).toBe(ACME);
    expect(contactListAccount(acmeAdmin, ACME)).toBe(ACME);
    expect(contactListAccount(acmeAdmin, GLOBEX)).toBeNull();
  });

  it('anyone else sees none', () => {
    for (const viewer of [agent, approver, contact, contactWithAdminRole, staffWithAccountRole, accountlessAdmin, staffInAccount]) {
      expect(contactListAccount(viewer, undefined)).toBeNull();
      expect(contactListAccount(viewer, ACME)).toBeNull();
    }
  });
});

describe('whose contact may be changed', () => {
  const acmeContact = { kind: 'contact', account_id: ACME };
  const globexContact = { kind: 'contact', account_id: GLOBEX };

  it.each([
    ['a vendor administrator, any account', vendorAdmin, globexContact, true],
    ['an account administrator, their own account', acmeAdmin, acmeContact, true],
    ['an account administrator, another account', acmeAdmin, globexContact, false],
    ['an approver, their own account', approver, acmeContact, false],
    ['a contact, their own account', contact, acmeContact, false],
    ['an agent', agent, acmeContact, false],
    ['a vendor administrator, a staff member', vendorAdmin, { kind: 'staff', account_id: null }, false],
    ['a vendor administrator, a contact without an account', vendorAdmin, { kind: 'contact', account_id: null }, false],
    ['an account administrator, a staff member filed under their account', acmeAdmin, { kind: 'staff', account_id: ACME }, false],
  ])('%s: %s', (_case, viewer, target, may) => {
    expect(canManageContact(viewer, target)).toBe(may);
  });
});
