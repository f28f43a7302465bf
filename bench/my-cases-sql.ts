/**
 * The SQL of a My Cases page exactly as the portal runs it, taken from the portal's own query
 * builder (`listCasesWithTotal`: the page with how many cases match, as the page shows) at start, so
 * the ceiling cannot drift from it: a Kysely instance without a database logs the statement it
 * sends, with a marker value in place of the scope's id.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import { listCasesWithTotal, type CaseScope } from '../src/server/cases/cases.repository.ts';
import { casesQuery } from '../src/server/cases/cases.schemas.ts';
import type { Database } from '../src/server/db/schema.ts';

/** A page's statement: its SQL, its parameters, and where among them the scope's id goes (the page's and its count's). */
export type PageStatement = { sql: string; parameters: unknown[]; scopeAt: number[] };

const MARKER = -987_654_321;

export async function myCasesStatement(kind: 'sqlite' | 'postgres', scope: 'mine' | 'account'): Promise<PageStatement> {
  let logged: CompiledQuery | undefined;
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => (kind === 'postgres' ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (kind === 'postgres' ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
      createQueryCompiler: () => (kind === 'postgres' ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
    log: (event) => {
      logged = event.query;
    },
  });
  // The route's defaults for a first page, as `GET /api/cases` and `GET /api/cases?scope=account` parse them.
  const query = casesQuery.parse(scope === 'account' ? { scope } : {});
  const caseScope: CaseScope = scope === 'account' ? { accountId: MARKER } : { contactId: MARKER };
  await listCasesWithTotal(db, caseScope, { ...query, viewerId: MARKER });
  await db.destroy();
  if (!logged) throw new Error('listCasesWithTotal ran no statement');
  const scopeAt = logged.parameters.flatMap((value, i) => (value === MARKER ? [i] : []));
  if (scopeAt.length === 0) throw new Error('the scope id is not a parameter of the My Cases statement');
  return { sql: logged.sql, parameters: [...logged.parameters], scopeAt };
}

/** The statement's parameters with the scope's id (the contact's or the account's) where it goes. */
export const parametersFor = (statement: PageStatement, scopeId: number) => statement.parameters.map((value, i) => (statement.scopeAt.includes(i) ? scopeId : value));
