import { CompiledQuery, type Compilable, type Kysely, type Transaction } from 'kysely';
import { databaseKind, namedStatements, postgresReader, readingStatement } from './database.ts';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Marks where a value goes in a query built once: `arg('contactId')` stands for the value given at each run. */
export type Arg<Args> = <K extends keyof Args & string>(name: K) => Args[K];

/**
 * The values of an `in (…)` list for a query built once per list length (the shape must name the
 * length): `args` to pass to runPrepared, and `slots(arg)` to put in the list inside `build`.
 */
export function listArguments<T>(name: string, values: readonly T[]) {
  const args = Object.fromEntries(values.map((value, i) => [`${name}${i}`, value])) as Record<string, T>;
  return { args, slots: (arg: Arg<Record<string, T>>) => values.map((_, i) => arg(`${name}${i}`)) };
}

type Template = { sql: string; slots: Array<{ arg: string } | { constant: unknown }> };

const templates = new Map<string, Template>();
const SENTINEL = '\u0000caseway-arg:';
/** Shapes kept compiled; past this the oldest is built again when next used. */
const MAX_TEMPLATES = 1000;
/**
 * SQL texts given a PostgreSQL statement name; each connection keeps its named statements for good,
 * and a caller can combine filters into many shapes, so the rest run unnamed (planned every time).
 */
const MAX_NAMED_STATEMENTS = 200;
let statementNumber = 0;

/**
 * Runs a query that Kysely builds and compiles once per `shape` and dialect, then only fills in
 * the values. Building a query costs more than running it on the hot paths (measured: 22 µs to
 * build the session query against 3.7 µs to run it; docs/decisions/0005).
 *
 * `build` runs once per shape, so it must take every value that varies through `arg`; anything
 * else it reads becomes part of the cached SQL, and `shape` must name it. Values stay parameters:
 * the SQL text never contains what a person typed.
 */
export async function runPrepared<Args extends Record<string, unknown>, Row>(
  executor: Executor,
  shape: string,
  args: Args,
  build: (executor: Executor, arg: Arg<Args>) => Compilable<Row>,
): Promise<Row[]> {
  const key = `${databaseKind(executor)}|${shape}`;
  let template = templates.get(key);
  if (!template) {
    const arg = ((name: string) => `${SENTINEL}${name}`) as Arg<Args>;
    const compiled = build(executor, arg).compile();
    template = {
      sql: compiled.sql,
      slots: compiled.parameters.map((value) => (typeof value === 'string' && value.startsWith(SENTINEL) ? { arg: value.slice(SENTINEL.length) } : { constant: value })),
    };
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
    templates.set(key, template);
    if (!namedStatements.has(template.sql) && namedStatements.size < MAX_NAMED_STATEMENTS) namedStatements.set(template.sql, `caseway_${++statementNumber}`);
  }
  const parameters = template.slots.map((slot) => {
    if (!('arg' in slot)) return slot.constant;
    const value = args[slot.arg];
    if (value === undefined) throw new Error(`runPrepared(${shape}): no value for ${slot.arg}`);
    return value;
  });
  const reading = readingStatement(executor, template.sql);
  if (reading) return reading.all(parameters) as Row[];
  const postgresReading = postgresReader(executor, template.sql);
  if (postgresReading) return (await postgresReading(template.sql, parameters)) as Row[];
  const result = await executor.executeQuery<Row>(CompiledQuery.raw(template.sql, parameters));
  return result.rows;
}
