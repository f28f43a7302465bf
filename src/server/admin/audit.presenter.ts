import { personName } from '../../shared/names.ts';
import type { Language } from '../db/schema.ts';
import { formatCustomerIdentifier } from '../lib/identifiers.ts';
import type { AuditRow } from './audit.repository.ts';

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An event as the administrator reads it: names in the order of their page's language. */
export function presentAuditEvent(row: AuditRow, language: Language) {
  const personRef = (firstName: string | null, lastName: string | null, email: string | null) =>
    email === null ? null : { name: personName({ firstName: firstName ?? '', lastName: lastName ?? '' }, language), email };
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
