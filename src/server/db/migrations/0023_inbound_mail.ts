import type { Kysely } from 'kysely';
import { bigIntType } from '../database.ts';

/**
 * Issue 21 part 3, replies by e-mail. An outbox mail may name a Reply-To (the signed address of its
 * case and reader) and says how it was made (RFC 3834 Auto-Submitted: `auto-generated` for what the
 * portal sends, `auto-replied` for its answers to incoming mail), so responders do not answer it.
 *
 * `inbound_mails` holds one row per incoming mail taken, keyed by its Message-ID (or a digest of its
 * bytes when it has none); the row commits with the comment the mail became, or with its refusal, so
 * a mail is taken once by several processes and across a restart.
 *
 * `inbound_explanations` keys one explanation per sender address and hour: a refused sender hears
 * why once, never in a loop with another robot.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const big = bigIntType(db);
  await db.schema.alterTable('mail_outbox').addColumn('reply_to', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('auto_submitted', 'text', (c) => c.notNull().defaultTo('auto-generated')).execute();
  await db.schema
    .createTable('inbound_mails')
    .addColumn('message_key', 'text', (c) => c.primaryKey())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('case_id', big, (c) => c.references('cases.id'))
    .addColumn('received_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('inbound_explanations')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('hour', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('inbound_explanations_pk', ['address', 'hour'])
    .execute();
}
