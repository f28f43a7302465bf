/**
 * The ceiling: a minimal node:http server that reads one row by primary key from the same
 * database, with no framework, session or JSON schema. Run as its own process by bench/run.ts.
 */
import http from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';

const [kind, target, port] = process.argv.slice(2) as [string, string, string];

if (kind === 'sqlite') {
  const db = new Database(target, { readonly: true });
  const statement = db.prepare('select id, number, subject, state, updated_at from cases where id = ?');
  let id = 0;
  http.createServer((_req, res) => {
    id = (id % 200_000) + 1;
    const row = statement.get(id);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(row));
  }).listen(Number(port), '127.0.0.1');
} else {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  let id = 0;
  http.createServer(async (_req, res) => {
    id = (id % 200_000) + 1;
    const { rows } = await pool.query('select id, number, subject, state, updated_at from cases where id = $1', [id]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
  }).listen(Number(port), '127.0.0.1');
}
