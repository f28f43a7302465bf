import { sql, type Kysely } from 'kysely';
import { addIdColumn, bigIntType } from '../database.ts';

/** Accounts, people and everything a person does before reaching their cases. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = addIdColumn(db);
  const big = bigIntType(db);

  await db.schema
    .createTable('accounts')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('customer_identifier', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', big, (c) => c.references('accounts.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_must_change', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reset_password_hash', 'text')
    .addColumn('reset_expires_at', big)
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('preferred_contact', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('otp_method', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    .addColumn('totp_last_step', big)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('terms_version_accepted', 'text')
    .addColumn('terms_accepted_at', big)
    .addColumn('last_login_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_account_idx').on('people').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role'])
    .execute();
  await db.schema.createIndex('person_roles_role_idx').on('person_roles').columns(['role', 'person_id']).execute();

  await db.schema
    .createTable('registration_requests')
    .addColumn('id', id.type, id.build)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('preferred_contact', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('otp_method', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', big, (c) => c.references('people.id'))
    .addColumn('decided_at', big)
    .addColumn('contact_id', big, (c) => c.references('people.id'))
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registration_requests_account_idx').on('registration_requests').columns(['account_id', 'id']).execute();
  // One open request per e-mail address, enforced by the database rather than by a race-prone check.
  await db.schema
    .createIndex('registration_requests_open_email_idx')
    .on('registration_requests')
    .column('email')
    .unique()
    .where(sql.ref('state'), '=', 'requested')
    .execute();

  await db.schema
    .createTable('registration_help_requests')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('last_seen_at', big, (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_person_idx').on('sessions').columns(['person_id', 'created_at']).execute();
  await db.schema.createIndex('sessions_expiry_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('one_time_codes')
    .addColumn('id', id.type, id.build)
    .addColumn('person_id', big, (c) => c.notNull().references('people.id'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', big, (c) => c.notNull())
    .addColumn('used_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('one_time_codes_session_idx').on('one_time_codes').columns(['session_id', 'id']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', id.type, id.build)
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', big, (c) => c.notNull())
    .addColumn('expires_at', big)
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', big)
    .addColumn('last_error', 'text')
    .addColumn('sent_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['state', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', id.type, id.build)
    .addColumn('at', big, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('person_id', big)
    .addColumn('actor_id', big)
    .addColumn('email', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_type_idx').on('audit_events').columns(['type', 'id']).execute();
  await db.schema.createIndex('audit_events_person_idx').on('audit_events').columns(['person_id', 'id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', big)
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
}
