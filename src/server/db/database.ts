import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, sql, type PostgresPool, type PostgresPoolClient, type SqliteStatement, PostgresDialect, SqliteAdapter, SqliteDialect, SqliteDriver, CompiledQuery, type DatabaseConnection, type SqliteDialectConfig, type ColumnDefinitionBuilder, type Kysely as AnyKysely } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DatabaseKind = 'sqlite' | 'postgres';

// Epoch-millisecond columns are BIGINT in PostgreSQL; they fit a JS number for the next 285,000 years.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type DatabaseOptions =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/**
 * Opens the database. SQLite runs in WAL mode with synchronous=FULL: a write that was answered
 * survives a killed process and a power loss (NORMAL would survive only the former).
 */
export function openDatabase(options: DatabaseOptions): Db {
  if (options.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    const sqlite = new SQLite(options.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A second connection, for reading only, serves the prepared hot reads (db/prepared.ts): in WAL
    // mode it reads the last committed state while the first holds a transaction open, and it is
    // called directly instead of through Kysely's connection queue.
    const reader = new SQLite(options.file, { readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    const readerStatements = withStatementCache(reader);
    const writer = withStatementCache(sqlite);
    const db = new Kysely<Database>({
      dialect: new TransactionalSqliteDialect({
        database: {
          prepare: writer.prepare,
          close: () => {
            readerStatements.close();
            writer.close();
          },
        },
      }),
    });
    sqliteReaders.set(db, readerStatements.prepare);
    return db;
  }
  // Caseway's tables are read through their indexes from memory, where a random read costs about
  // what a sequential one does; at the default of 4 the planner hashed all 1,000 accounts to name
  // the ten cases of a My Cases page (0.40 ms against 0.13 ms by index, EXPLAIN ANALYZE on the bench
  // data). Set for Caseway's own connections only, before the pool hands a new one out; were it
  // refused, the planner would only keep its default.
  const openPool = (settings: string) => {
    const connections = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      onConnect: async (client) => {
        await client.query(settings).catch(() => {});
      },
    });
    // An idle connection that dies (database restart, a terminated backend) is reported on the pool;
    // unheard, that event would crash the process. The pool replaces the connection on next use.
    connections.on('error', (error) => console.warn(`PostgreSQL connection lost while idle: ${error.message}`));
    return connections;
  };
  const pool = openPool('set random_page_cost = 1.1');
  // The prepared hot reads (db/prepared.ts) run on a pool of their own, called directly rather than
  // through Kysely, whose connections keep one plan per statement, made without looking at the
  // values. With the default plan_cache_mode PostgreSQL planned the My Cases statement anew at every
  // run for an account with many cases, as it estimated the plan for those values cheaper than the
  // generic one (it was the same plan): the big account administrator's first page ran at 1,776
  // req/s, 1,058 µs of machine CPU a request; planned once 4,540 req/s; on this pool 5,337 req/s and
  // 318 µs. Every other query keeps PostgreSQL's own choice, which sees the values.
  const readPool = openPool('set random_page_cost = 1.1; set plan_cache_mode = force_generic_plan');
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool, readPool) }) });
  poolsOf.set(db, { queries: pool, reads: readPool });
  postgresReaders.set(db, async (sqlText, parameters) => {
    const name = namedStatements.get(sqlText);
    return (await readPool.query(name ? { name, text: sqlText, values: parameters } : { text: sqlText, values: parameters })).rows;
  });
  return db;
}

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export function openConfiguredDatabase(config: Config): Db {
  return config.databaseUrl ? openDatabase({ kind: 'postgres', url: config.databaseUrl }) : openDatabase({ kind: 'sqlite', file: config.sqlitePath });
}

/**
 * SQLite runs schema changes inside a transaction as PostgreSQL does, but Kysely's adapter says it
 * cannot, and its migrator would then run each migration bare: a process killed half-way would
 * leave a table created and the migration not recorded, failing at every later start.
 *
 * A transaction takes the write lock when it begins (`begin immediate`), waiting for it up to the
 * busy timeout. Kysely's plain `begin` takes it at the first write, and a transaction that read
 * first then fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT, no wait) when another
 * process wrote in between: `caseway staff create` beside a running portal failed so in CI.
 */
class TransactionalSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: SqliteDialectConfig) {
    super(sqliteConfig);
  }
  override createAdapter() {
    return new (class extends SqliteAdapter {
      override get supportsTransactionalDdl() {
        return true;
      }
    })();
  }
  override createDriver() {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection) {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    })(this.sqliteConfig);
  }
}

type PoolStats = Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
const poolsOf = new WeakMap<Db, Record<string, PoolStats>>();

/** The connection pools of a PostgreSQL database opened here, by name (none for SQLite), for metrics. */
export function databasePools(db: Db): Record<string, PoolStats> {
  return poolsOf.get(db) ?? {};
}

/** The reading connection of each SQLite database opened here, by its Kysely instance. */
const sqliteReaders = new WeakMap<Db, (sqlText: string) => SqliteStatement>();

/**
 * The statement for `sqlText` on the database's reading connection, run synchronously and outside
 * Kysely's queue for the one connection; undefined for PostgreSQL (see postgresReader), for a
 * transaction (another Kysely instance, which must read what it wrote), and for SQL that writes.
 */
export function readingStatement(executor: AnyKysely<any>, sqlText: string): SqliteStatement | undefined {
  const prepare = sqliteReaders.get(executor as Db);
  if (!prepare) return undefined;
  const statement = prepare(sqlText);
  return statement.reader ? statement : undefined;
}

type PostgresReader = (sqlText: string, parameters: unknown[]) => Promise<unknown[]>;
/** The pool of planned-once reads of each PostgreSQL database opened here, by its Kysely instance. */
const postgresReaders = new WeakMap<Db, PostgresReader>();

/**
 * What runs `sqlText` on the database's pool for prepared reads (see openDatabase); undefined for
 * SQLite, for a transaction (which must read what it wrote, on its own connection), and for SQL
 * that writes.
 */
export function postgresReader(executor: AnyKysely<any>, sqlText: string): PostgresReader | undefined {
  const reader = postgresReaders.get(executor as Db);
  return reader && /^select /i.test(sqlText) ? reader : undefined;
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small query, so the
 * compiled statements are kept by their SQL text (measured: prepare was 13% of a My Cases request).
 * Statements are only run with all()/run()/iterate(), never held open across calls, so reusing one
 * is safe.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 500) {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = rowsAsObjects(sqlite.prepare(sqlText));
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/**
 * A reading statement fetches its rows as arrays and names the columns in JS: better-sqlite3
 * builds each row object property by property from C++, which cost twice as much as the query
 * itself for a page of 25 cases (measured: 157 µs against 89 µs for arrays named in JS). As with
 * better-sqlite3's own objects, a repeated column name keeps the last value.
 */
function rowsAsObjects(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  statement.raw(true);
  let names = statement.columns().map((column) => column.name);
  const toObject = (values: unknown[]) => {
    // SQLite prepares a statement again after a schema change (a migration run by another
    // process); a `*` may then bring other columns than the names read before.
    if (values.length !== names.length) names = statement.columns().map((column) => column.name);
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    return row;
  };
  return {
    reader: true,
    all: (parameters: unknown[]) => (statement.all(parameters) as unknown[][]).map(toObject),
    *iterate(parameters: unknown[]) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(values);
    },
    run: (parameters: unknown[]) => statement.run(parameters),
  };
}

/** SQL texts of prepared shapes (db/prepared.ts) with their statement names, each name given once. */
export const namedStatements = new Map<string, string>();

/**
 * Runs the hot, fixed-shape queries (db/prepared.ts) as named statements: PostgreSQL then parses
 * and plans each once per connection instead of at every run. Planning the five-table My Cases
 * query took 3.1 ms against 1.1 ms to execute it (EXPLAIN ANALYZE on the bench data).
 */
function withNamedStatements(pool: pg.Pool, readPool: pg.Pool): PostgresPool {
  return {
    end: async () => {
      await Promise.all([pool.end(), readPool.end()]);
    },
    async connect() {
      const client = await pool.connect();
      return {
        release: () => client.release(),
        query: ((query: unknown, parameters?: unknown[]) => {
          const name = typeof query === 'string' ? namedStatements.get(query) : undefined;
          if (name) return client.query({ name, text: query as string, values: parameters });
          return client.query(query as string, parameters);
        }) as unknown as PostgresPoolClient['query'],
      };
    },
  };
}

/**
 * Refreshes the query planner's statistics after a bulk load. In SQLite only the per-index row
 * counts (sqlite_stat1) are kept: with per-value samples (sqlite_stat4, which ANALYZE writes in
 * the SQLite that better-sqlite3 bundles) SQLite plans a statement anew at every run whose bound
 * values could change the plan, which doubled the cost of the My Cases query (measured: 63 µs
 * with stat1 only, 126 µs with stat4).
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
  if (databaseKind(db) === 'sqlite') {
    await sql`delete from sqlite_stat4`.execute(db);
    await sql`analyze sqlite_schema`.execute(db);
  }
}

/**
 * The database's current time in epoch milliseconds. Background jobs in every process compare
 * leases, expiry, back-off and due times against this one clock, so processes on hosts whose clocks
 * disagree still agree on them. PostgreSQL's clock_timestamp() moves during a transaction (now()
 * would not); SQLite's 'now' is the clock of the one host that holds its file.
 */
export async function databaseNow(db: AnyKysely<any>): Promise<number> {
  const query =
    databaseKind(db) === 'postgres'
      ? sql<{ now: number }>`select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now`
      : sql<{ now: number }>`select cast(round((julianday('now') - 2440587.5) * 86400000.0) as integer) as now`;
  return (await query.execute(db)).rows[0]!.now;
}

export function databaseKind(db: AnyKysely<any>): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An auto-incrementing integer primary key, spelled the way each database wants it. */
export function addIdColumn(db: AnyKysely<any>) {
  const postgres = databaseKind(db) === 'postgres';
  return {
    type: postgres ? ('bigserial' as const) : ('integer' as const),
    build: (column: ColumnDefinitionBuilder) => (postgres ? column.primaryKey() : column.primaryKey().autoIncrement()),
  };
}

/** Epoch milliseconds and foreign keys to bigserial ids need 64 bits in PostgreSQL. */
export function bigIntType(db: AnyKysely<any>) {
  return databaseKind(db) === 'postgres' ? ('bigint' as const) : ('integer' as const);
}
