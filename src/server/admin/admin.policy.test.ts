import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../db/schema.ts';
import { deactivationRefusal } from './admin.policy.ts';

const actor = (kind: 'staff' | 'contact', roles: Role[], id = 1) => ({ person: { id, kind } as Person, roles });

describe('vendor administration policy', () => {
  it('never lets administrators deactivate themselves', () => {
    expect(deactivationRefusal(actor('staff', ['agent', 'admin'], 7), { id: 7, isAdmin: true }, 3)).toBe('self');
  });

  it('keeps at least one active administrator', () => {
    const admin = actor('staff', ['agent', 'admin'], 1);
    expect(deactivationRefusal(admin, { id: 2, isAdmin: true }, 0)).toBe('last_admin');
    expect(deactivationRefusal(admin, { id: 2, isAdmin: true }, 1)).toBeNull();
    expect(deactivationRefusal(admin, { id: 3, isAdmin: false }, 0)).toBeNull();
  });
});
