import { sql, type Expression, type RawBuilder } from 'kysely';
import { databaseKind, type Db } from './database.ts';

/**
 * The median of a numeric expression over a group, interpolated between the two middle values as
 * both databases' percentile_cont does: PostgreSQL's ordered-set form, SQLite's (3.47+, built into
 * better-sqlite3) two-argument aggregate. Null over an empty group.
 */
export function median(db: Db, value: Expression<number | null>): RawBuilder<number | null> {
  return databaseKind(db) === 'postgres' ? sql<number | null>`percentile_cont(0.5) within group (order by ${value})` : sql<number | null>`percentile_cont(${value}, 0.5)`;
}
