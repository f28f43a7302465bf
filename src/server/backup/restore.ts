import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import tar from 'tar-stream';
import type { Config } from '../config.ts';
import { meter, STORED_NAME } from '../attachments/attachments.storage.ts';
import { ATTACHMENTS, DATABASE, describeCopy, describeCounts, MANIFEST, type Manifest } from './archive.ts';

/** The archive or the target is not fit to restore; nothing was changed. */
export class RestoreRefused extends Error {}

/**
 * Restores a `caseway backup` archive into an empty DATA_DIR (or one not made yet). Everything is
 * extracted and checked in a folder beside DATA_DIR, then renamed into place, so a bad archive or a
 * crash leaves DATA_DIR as it was. `caseway start` migrates an older backup forward as usual.
 */
export async function restoreSqlite(config: Config, file: string): Promise<string> {
  const dataDir = config.dataDir;
  const attachmentsDir = path.join(dataDir, 'attachments');
  const holds = (name: string) => fs.existsSync(path.join(dataDir, name));
  if (holds(DATABASE) || holds(`${DATABASE}-wal`) || (holds('attachments') && fs.readdirSync(attachmentsDir).length > 0)) {
    throw new RestoreRefused(`${dataDir} already holds a Caseway database or attachments; restore only into an empty DATA_DIR. Nothing was changed.`);
  }
  if (!fs.existsSync(file)) throw new RestoreRefused(`Cannot read ${file}: no such file.`);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(dataDir), '.caseway-restore-'));
  try {
    const { manifest, hashes } = await extract(file, staging);
    const copy = checkDatabase(path.join(staging, DATABASE));
    const rows = new Map(copy.attachments.map((row) => [row.stored_name, row]));
    for (const name of manifest.files) {
      const row = rows.get(name);
      const got = hashes.get(name);
      if (!row) throw new RestoreRefused(`The archive is damaged: its manifest names ${name}, which no attachment row names.`);
      if (!got) throw new RestoreRefused(`The archive is damaged: attachment file ${name} is missing.`);
      if (got.size !== row.size || got.sha256 !== row.sha256) throw new RestoreRefused(`The archive is damaged: attachment file ${name} does not match its row (size or SHA-256).`);
    }
    fs.mkdirSync(path.join(staging, 'attachments'), { recursive: true });
    if (!fs.existsSync(dataDir)) {
      fs.renameSync(staging, dataDir);
    } else {
      // DATA_DIR exists but holds nothing of Caseway's: keep it (its owner and mode) and move the
      // two entries in, the database last since it is what marks a DATA_DIR as taken.
      fs.rmSync(attachmentsDir, { recursive: true, force: true });
      fs.renameSync(path.join(staging, 'attachments'), attachmentsDir);
      fs.renameSync(path.join(staging, DATABASE), path.join(dataDir, DATABASE));
    }
    const lines = [`Restored ${file} (Caseway ${manifest.casewayVersion}, ${manifest.createdAt}) into ${dataDir}: ${describeCounts(copy.counts, manifest.files.length)}.`];
    if (manifest.missing.length) lines.push(`${manifest.missing.length} attachment file(s) were missing when the backup ran and are not restored: ${manifest.missing.join(', ')}.`);
    if (manifest.bucket) lines.push(`The attachment files were in ${manifest.bucket}; restore the bucket with its own tools.`);
    return lines.join(' ');
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Extracts the database and the attachment files into `dir`, hashing each file as it is written. */
async function extract(file: string, dir: string) {
  let manifest: Manifest | undefined;
  const hashes = new Map<string, { size: number; sha256: string }>();
  const extractor = tar.extract();
  fs.mkdirSync(path.join(dir, 'attachments'));
  const entries = (async () => {
    for await (const entry of extractor) {
      const name = entry.header.name;
      if (name === MANIFEST) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
      } else if (name === DATABASE) {
        await pipeline(entry, fs.createWriteStream(path.join(dir, DATABASE)));
      } else if (name.startsWith(ATTACHMENTS) && STORED_NAME.test(name.slice(ATTACHMENTS.length))) {
        const counted = meter();
        await pipeline(entry, counted.stream, fs.createWriteStream(path.join(dir, name)));
        hashes.set(name.slice(ATTACHMENTS.length), { size: counted.size(), sha256: counted.sha256() });
      } else {
        throw new RestoreRefused(`The archive holds ${name}, which a Caseway backup never does: not a Caseway backup.`);
      }
    }
  })();
  try {
    await Promise.all([pipeline(fs.createReadStream(file), createGunzip(), extractor), entries]);
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`The archive is damaged or not a Caseway backup (${(error as Error).message}). Nothing was changed.`);
  }
  if (!manifest) throw new RestoreRefused(`The archive has no ${MANIFEST}: not a Caseway backup.`);
  if (!fs.existsSync(path.join(dir, DATABASE))) throw new RestoreRefused(`The archive has no ${DATABASE}: not a Caseway backup.`);
  return { manifest, hashes };
}

function parseManifest(text: string): Manifest {
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.format === 1 && Array.isArray(manifest.files) && Array.isArray(manifest.missing)) return manifest;
  } catch {
    // Reported below, as for a manifest of the wrong shape.
  }
  throw new RestoreRefused(`The archive's ${MANIFEST} is not one caseway backup writes.`);
}

function checkDatabase(file: string) {
  let result: string;
  try {
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      result = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
    } finally {
      db.close();
    }
  } catch (error) {
    throw new RestoreRefused(`The archive's database cannot be read (${(error as Error).message}).`);
  }
  if (result !== 'ok') throw new RestoreRefused(`The archive's database fails its integrity check: ${result}`);
  return describeCopy(file);
}
