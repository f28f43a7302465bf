import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../db/schema.ts';
import { canLookUpAccounts } from './accounts.policy.ts';

const actor = (kind: 'staff' | 'contact', roles: Role[] = []) => ({ person: { id: 1, kind, account_id: kind === 'contact' ? 10 : null } as Person, roles });

describe('who looks accounts up by name', () => {
  it.each([
    ['an agent', actor('staff', ['agent']), true],
    ['a vendor administrator', actor('staff', ['admin']), true],
    ['staff without a support role', actor('staff'), false],
    ['an account administrator', actor('contact', ['account_admin']), false],
    ['a contact holding staff roles', actor('contact', ['agent', 'admin']), false],
  ])('%s: %s', (_who, viewer, may) => {
    expect(canLookUpAccounts(viewer)).toBe(may);
  });
});
