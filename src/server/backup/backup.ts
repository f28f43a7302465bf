import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import tar from 'tar-stream';
import type { Config } from '../config.ts';
import { ATTACHMENTS, DATABASE, describeCopy, describeCounts, MANIFEST, type Manifest } from './archive.ts';

const packageJson = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };

/**
 * Backs up the embedded database and its attachment files into one gzipped tar while the portal
 * runs. The database is copied first through SQLite's online backup API; the files are those the
 * copy names, and since a stored file never changes, copying them afterwards gives the state of that
 * moment. The archive is written under FILE.partial and renamed once synced, so a killed backup
 * never leaves a file that looks complete. Answers the line the CLI prints.
 */
export async function backupSqlite(config: Config, file: string): Promise<string> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const databaseCopy = `${target}.sqlite.partial`;
  try {
    const live = new SQLite(config.sqlitePath, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      // All pages in one step: a write by the portal between steps would restart the copy, which
      // under steady load might never finish. In WAL mode that step's read holds up no writer.
      await live.backup(databaseCopy, { progress: () => 0x7fffffff });
    } finally {
      live.close();
    }
    const copy = describeCopy(databaseCopy);
    const folder = config.attachments.kind === 'folder' ? config.attachments.dir : undefined;
    const files: string[] = [];
    const missing: string[] = [];
    for (const row of folder ? copy.attachments : []) {
      const size = fs.statSync(path.join(folder!, row.stored_name), { throwIfNoEntry: false })?.size;
      if (size === row.size) files.push(row.stored_name);
      else missing.push(row.stored_name);
    }
    const manifest: Manifest = {
      format: 1,
      casewayVersion: packageJson.version,
      schema: copy.schema,
      createdAt: new Date().toISOString(),
      counts: copy.counts,
      files,
      missing,
      ...(config.attachments.kind === 's3' ? { bucket: `s3://${config.attachments.bucket}/${config.attachments.prefix}` } : {}),
    };
    const pack = tar.pack();
    const written = pipeline(pack, createGzip(), fs.createWriteStream(partial));
    const add = async (name: string, source: string, size: number) => {
      await pipeline(fs.createReadStream(source), pack.entry({ name, size, mode: 0o600 }));
    };
    pack.entry({ name: MANIFEST, mode: 0o600 }, JSON.stringify(manifest, null, 2));
    await add(DATABASE, databaseCopy, fs.statSync(databaseCopy).size);
    for (const name of files) await add(`${ATTACHMENTS}${name}`, path.join(folder!, name), fs.statSync(path.join(folder!, name)).size);
    pack.finalize();
    await written;
    syncFile(partial);
    fs.renameSync(partial, target);
    syncFile(path.dirname(target));
    const lines = [`Wrote ${target}: the database (${copy.schema.length} migrations) with ${describeCounts(copy.counts, files.length)}.`];
    if (missing.length) lines.push(`${missing.length} file(s) named by an attachment row were missing or not whole in ${folder}: ${missing.join(', ')}.`);
    if (manifest.bucket) lines.push(`The attachment files are in ${manifest.bucket}, which this archive does not hold: back the bucket up with the storage's own tools (versioning, replication).`);
    return lines.join(' ');
  } finally {
    fs.rmSync(databaseCopy, { force: true });
    fs.rmSync(partial, { force: true });
  }
}

function syncFile(file: string) {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const run = promisify(execFile);

/**
 * What to do instead on PostgreSQL, where a consistent backup is pg_dump's job. pg_dump refuses a
 * server newer than itself, so the advice says when the one on PATH is too old.
 */
export async function postgresBackupAdvice(config: Config): Promise<string> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  let server: { version: string; major: number };
  await client.connect();
  try {
    const row = (await client.query<{ version: string; num: string }>("select version() as version, current_setting('server_version_num') as num")).rows[0]!;
    server = { version: row.version, major: Math.floor(Number(row.num) / 10000) };
  } finally {
    await client.end();
  }
  const dump = await run('pg_dump', ['--version']).then(
    ({ stdout }) => ({ text: stdout.trim(), major: Number(/(\d+)(?:\.\d+)*/.exec(stdout)?.[1]) }),
    () => undefined,
  );
  const files =
    config.attachments.kind === 's3'
      ? `the attachments in s3://${config.attachments.bucket}/${config.attachments.prefix} with the bucket's own tools (versioning, replication)`
      : `the attachments by copying ${config.attachments.dir}`;
  const lines = [
    'caseway backup copies the embedded SQLite database only. On PostgreSQL, back up the database with pg_dump:',
    '  pg_dump --format=custom --file=caseway.dump "$DATABASE_URL"',
    `(restore with pg_restore --dbname="$DATABASE_URL" caseway.dump) and ${files}.`,
    `The server is ${server.version}.`,
  ];
  if (!dump) lines.push(`No pg_dump is on PATH: install the PostgreSQL ${server.major} client (or newer).`);
  else if (dump.major < server.major) lines.push(`Warning: ${dump.text} is older than the server (${server.major}) and will refuse to dump it: use pg_dump ${server.major} or newer.`);
  else lines.push(`${dump.text} can dump this server.`);
  return lines.join('\n');
}
