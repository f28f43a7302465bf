import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../db/schema.ts';
import { isSupportStaff, isVendorAdmin } from './roles.ts';

const actor = (kind: 'staff' | 'contact', roles: Role[]) => ({ person: { id: 1, kind } as Person, roles });

describe('vendor roles', () => {
  it('makes vendor administrators of staff holding the admin role only', () => {
    expect(isVendorAdmin(actor('staff', ['agent', 'admin']))).toBe(true);
    expect(isVendorAdmin(actor('staff', ['agent']))).toBe(false);
    expect(isVendorAdmin(actor('contact', ['account_admin', 'approver']))).toBe(false);
    // A role row alone does not make a contact a vendor administrator.
    expect(isVendorAdmin(actor('contact', ['admin']))).toBe(false);
  });

  it('makes support staff of agents and administrators, never of a contact', () => {
    expect(isSupportStaff(actor('staff', ['agent']))).toBe(true);
    expect(isSupportStaff(actor('staff', ['admin']))).toBe(true);
    expect(isSupportStaff(actor('staff', []))).toBe(false);
    expect(isSupportStaff(actor('contact', ['agent', 'account_admin']))).toBe(false);
  });
});
