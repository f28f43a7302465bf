import { sql, type Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/**
 * The audit trail page filters events by type, person, account and time, newest first. Each
 * filter gets an index ending in (at, id), the page's order and keyset, so a filtered page is an
 * index range scan however old the events are. The account is stored on the event: a person may
 * not exist yet (a registration request) or be looked up by a join that no index could serve.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('account_id', bigIntType(db)).execute();
  await sql`update audit_events set account_id = (select p.account_id from people p where p.id = audit_events.person_id) where person_id is not null`.execute(db);
  // Events about an account or a request that names no person carry the account in their detail.
  const unplaced = await db
    .selectFrom('audit_events')
    .select(['id', 'detail'])
    .where('account_id', 'is', null)
    .where('type', 'in', ['registration.requested', 'account.created'])
    .execute();
  for (const row of unplaced as Array<{ id: number; detail: string }>) {
    const accountId = (JSON.parse(row.detail) as { accountId?: unknown }).accountId;
    if (typeof accountId === 'number') await db.updateTable('audit_events').set({ account_id: accountId }).where('id', '=', row.id).execute();
  }

  await db.schema.dropIndex('audit_events_type_idx').execute();
  await db.schema.dropIndex('audit_events_person_idx').execute();
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_events_type_idx').on('audit_events').columns(['type', 'at', 'id']).execute();
  await db.schema.createIndex('audit_events_person_idx').on('audit_events').columns(['person_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_events_email_idx').on('audit_events').columns(['email', 'at', 'id']).execute();
  await db.schema.createIndex('audit_events_account_idx').on('audit_events').columns(['account_id', 'at', 'id']).execute();
}
