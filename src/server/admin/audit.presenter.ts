import { formatCustomerIdentifier } from '../lib/identifiers.ts';
import type { AuditRow } from './audit.repository.ts';

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function personRef(firstName: string | null, lastName: string | null, email: string | null) {
  return email === null ? null : { name: `${firstName ?? ''} ${lastName ?? ''}`.trim(), email };
}

export function presentAuditEvent(row: AuditRow) {
  const detail = JSON.parse(row.detail) as Record<string, unknown>;
  return {
    id: row.id,
    at: row.at,
    type: row.type,
    actor: personRef(row.actor_first_name, row.actor_last_name, row.actor_email),
    person: personRef(row.person_first_name, row.person_last_name, row.person_email),
    email: row.email,
    account: row.account_name !== null && row.account_identifier !== null ? { name: row.account_name, customerIdentifier: formatCustomerIdentifier(row.account_identifier) } : null,
    ip: row.ip,
    detail: Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, asText(value)])),
  };
}
