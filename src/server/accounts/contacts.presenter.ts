import type { Role } from '../db/schema.ts';
import type { ContactRow } from './contacts.repository.ts';
import { CONTACT_ROLES, type ContactRole, type ContactView } from './contacts.schemas.ts';

const isContactRole = (role: Role): role is ContactRole => (CONTACT_ROLES as readonly string[]).includes(role);

/** A contact as the Contacts page shows it, fields picked one by one. */
export function presentContact(row: ContactRow, roles: Role[], viewerId: number): ContactView {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    roles: roles.filter(isContactRole),
    active: row.active === 1,
    lastLoginAt: row.last_login_at,
    isViewer: row.id === viewerId,
  };
}
