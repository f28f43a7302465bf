/**
 * The ceiling: a bare node:http server doing what the My Cases page must do and nothing more. It
 * reads the session row by its key (the hash of the cookie's token) with its person's account, checks
 * it has not expired, reads the first page of cases with how many match, in the portal's own SQL
 * (bench/my-cases-sql.ts, prepared once) and sends the rows as JSON. `/api/cases` is a contact's
 * page, `/api/cases?scope=account` the account's, as in the portal. Run as its own process by
 * bench/run.ts.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import { myCasesStatement, parametersFor, type PageStatement } from './my-cases-sql.ts';

const [kind, target, port] = process.argv.slice(2) as ['sqlite' | 'postgres', string, string];

type SessionRow = { person_id: number; account_id: number; expires_at: number };
const SESSION_SQL = 'select s.person_id, p.account_id, s.expires_at from sessions s join people p on p.id = s.person_id where s.id = ';

const tokenOf = (cookie: string | undefined) => /(?:^|;\s*)caseway_session=([^;]+)/.exec(cookie ?? '')?.[1];
const sessionKey = (token: string) => createHash('sha256').update(token).digest('hex');
const scopeOf = (url: string | undefined) => (url?.includes('scope=account') ? 'account' : 'mine');
const valuesFor = (statement: PageStatement, session: SessionRow, scope: 'mine' | 'account') => parametersFor(statement, scope === 'account' ? session.account_id : session.person_id);

function answer(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const pages = { mine: await myCasesStatement(kind, 'mine'), account: await myCasesStatement(kind, 'account') };

if (kind === 'sqlite') {
  const db = new Database(target, { readonly: true });
  const session = db.prepare<[string], SessionRow>(`${SESSION_SQL}?`);
  const statements = { mine: db.prepare(pages.mine.sql), account: db.prepare(pages.account.sql) };
  http
    .createServer((req, res) => {
      const token = tokenOf(req.headers.cookie);
      const row = token ? session.get(sessionKey(token)) : undefined;
      if (!row || row.expires_at <= Date.now()) return answer(res, 401, { error: 'unauthenticated' });
      const scope = scopeOf(req.url);
      answer(res, 200, { items: statements[scope].all(valuesFor(pages[scope], row, scope)) });
    })
    .listen(Number(port), '127.0.0.1');
} else {
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  // The portal's settings for its prepared reads (db/database.ts), so both run the same plans, planned once.
  const url = new URL(target);
  url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} -c random_page_cost=1.1 -c plan_cache_mode=force_generic_plan`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  http
    .createServer(async (req, res) => {
      const token = tokenOf(req.headers.cookie);
      const { rows } = token ? await pool.query<SessionRow>({ name: 'ceiling_session', text: `${SESSION_SQL}$1`, values: [sessionKey(token)] }) : { rows: [] };
      const row = rows[0];
      if (!row || row.expires_at <= Date.now()) return answer(res, 401, { error: 'unauthenticated' });
      const scope = scopeOf(req.url);
      const page = await pool.query({ name: `ceiling_${scope}`, text: pages[scope].sql, values: valuesFor(pages[scope], row, scope) });
      answer(res, 200, { items: page.rows });
    })
    .listen(Number(port), '127.0.0.1');
}
