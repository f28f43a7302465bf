import { sql, type Kysely } from 'kysely';

/**
 * The administrators' auto-close wait is kept in hours (a trial wants a case to close within the
 * day); a wait set before, in whole days, becomes the same number of hours.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into settings (key, value) select 'auto_close_hours', cast(cast(value as integer) * 24 as text) from settings where key = 'auto_close_days'`.execute(db);
  await db.deleteFrom('settings').where('key', '=', 'auto_close_days').execute();
}
