import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../db/schema.ts';
import { selfServiceRefusal } from './sso.policy.ts';

const ACME = 10;
const GLOBEX = 20;
const actor = (kind: 'staff' | 'contact', accountId: number | null, roles: Role[] = []) => ({ person: { id: 1, kind, account_id: accountId } as Person, roles });
const allowed = (id: number) => ({ id, sso_self_service: 1 });
const notAllowed = (id: number) => ({ id, sso_self_service: 0 });

describe('who manages an account’s single sign-on from the account’s own page', () => {
  it.each([
    ['its administrator, where the vendor allows it', actor('contact', ACME, ['account_admin']), allowed(ACME), null],
    ['its administrator, where the vendor does not', actor('contact', ACME, ['account_admin']), notAllowed(ACME), 'not_allowed'],
    ['another account’s administrator (not found, so ids reveal nothing)', actor('contact', GLOBEX, ['account_admin']), allowed(ACME), 'not_found'],
    ['an administrator naming an account that does not exist', actor('contact', ACME, ['account_admin']), undefined, 'not_found'],
    ['an approver', actor('contact', ACME, ['approver']), allowed(ACME), 'forbidden'],
    ['a contact', actor('contact', ACME), allowed(ACME), 'forbidden'],
    ['the vendor’s administrator (who uses Administration)', actor('staff', null, ['agent', 'admin']), allowed(ACME), 'forbidden'],
    ['staff holding the account admin role', actor('staff', ACME, ['account_admin']), allowed(ACME), 'forbidden'],
    ['an account administrator without an account', actor('contact', null, ['account_admin']), allowed(ACME), 'forbidden'],
  ] as const)('%s', (_who, person, account, refusal) => {
    expect(selfServiceRefusal(person, account)).toBe(refusal);
  });
});
