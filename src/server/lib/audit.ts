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
  | 'second_factor.locked'
  | 'second_factor.sign_in_ended'
  | 'reauthenticated'
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
  | 'account.renamed'
  | 'account.second_factor_policy_changed'
  | 'account.sso_self_service_changed'
  | 'person.created'
  | 'person.deactivated'
  | 'person.reactivated'
  | 'profile.updated'
  | 'second_factor.changed'
  | 'session.ended'
  | 'settings.terms_changed'
  | 'settings.contact_changed'
  | 'settings.auto_close_changed'
  | 'settings.sla_changed'
  | 'contact.deactivated'
  | 'contact.reactivated'
  | 'contact.role_granted'
  | 'contact.role_revoked'
  | 'case.watcher_added'
  | 'case.watcher_removed'
  | 'access_token.created'
  | 'access_token.revoked'
  | 'sso.signed_in'
  | 'sso.reproved'
  | 'sso.refused'
  | 'identity_provider.saved'
  | 'identity_provider.removed'
  | 'passkey.added'
  | 'passkey.renamed'
  | 'passkey.removed'
  | 'passkey.used'
  | 'passkey.refused';

// A record rather than a list, so a type added above without being added here fails to compile.
const auditTypeSet: Record<AuditType, true> = {
  'login.succeeded': true,
  'login.failed': true,
  'login.locked': true,
  'login.deactivated': true,
  'second_factor.failed': true,
  'second_factor.passed': true,
  'second_factor.locked': true,
  'second_factor.sign_in_ended': true,
  reauthenticated: true,
  'totp.paired': true,
  'password.changed': true,
  'password.reset_requested': true,
  'password.reset_used': true,
  'terms.accepted': true,
  logout: true,
  'registration.requested': true,
  'registration.approved': true,
  'registration.rejected': true,
  'registration.help_requested': true,
  'account.created': true,
  'account.renamed': true,
  'account.second_factor_policy_changed': true,
  'account.sso_self_service_changed': true,
  'person.created': true,
  'person.deactivated': true,
  'person.reactivated': true,
  'profile.updated': true,
  'second_factor.changed': true,
  'session.ended': true,
  'settings.terms_changed': true,
  'settings.contact_changed': true,
  'settings.auto_close_changed': true,
  'settings.sla_changed': true,
  'contact.deactivated': true,
  'contact.reactivated': true,
  'contact.role_granted': true,
  'contact.role_revoked': true,
  'case.watcher_added': true,
  'case.watcher_removed': true,
  'access_token.created': true,
  'access_token.revoked': true,
  'sso.signed_in': true,
  'sso.reproved': true,
  'sso.refused': true,
  'identity_provider.saved': true,
  'identity_provider.removed': true,
  'passkey.added': true,
  'passkey.renamed': true,
  'passkey.removed': true,
  'passkey.used': true,
  'passkey.refused': true,
};

/** Every event type, for the audit trail's filter. */
export const AUDIT_TYPES = Object.keys(auditTypeSet) as [AuditType, ...AuditType[]];

export type AuditEntry = {
  type: AuditType;
  at: number;
  personId?: number | null;
  actorId?: number | null;
  email?: string | null;
  ip?: string | null;
  /** The account concerned; left out, it is the account of `personId` (none for staff). */
  accountId?: number | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(executor: Db | Transaction<Database>, entry: AuditEntry): Promise<void> {
  const personId = entry.personId ?? null;
  await executor
    .insertInto('audit_events')
    .values({
      at: entry.at,
      type: entry.type,
      person_id: personId,
      actor_id: entry.actorId ?? null,
      email: entry.email ?? null,
      ip: entry.ip ?? null,
      account_id:
        entry.accountId !== undefined || personId === null
          ? (entry.accountId ?? null)
          : executor.selectFrom('people').select('account_id').where('id', '=', personId),
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
