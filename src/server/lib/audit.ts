import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** Security events kept for the audit trail (ASVS V16). */
export type AuditType =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'login.deactivated'
  | 'second_factor.failed'
  | 'second_factor.passed'
  | 'totp.paired'
  | 'password.changed'
  | 'password.reset_requested'
  | 'password.reset_used'
  | 'terms.accepted'
  | 'logout'
  | 'registration.requested'
  | 'registration.approved'
  | 'registration.rejected'
  | 'registration.help_requested'
  | 'account.created'
  | 'person.created'
  | 'profile.updated'
  | 'second_factor.changed'
  | 'session.ended'
  | 'contact.deactivated'
  | 'contact.reactivated'
  | 'contact.role_granted'
  | 'contact.role_revoked';

export type AuditEntry = {
  type: AuditType;
  at: number;
  personId?: number | null;
  actorId?: number | null;
  email?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(executor: Db | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await executor
    .insertInto('audit_events')
    .values({
      at: entry.at,
      type: entry.type,
      person_id: entry.personId ?? null,
      actor_id: entry.actorId ?? null,
      email: entry.email ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
