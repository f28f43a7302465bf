import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';

/**
 * A key shared by every process, kept in the database so several servers agree on it. It peppers
 * the hashes of short one-time codes, which a plain hash would not protect (10^6 candidates).
 */
export async function loadServerKey(db: Db): Promise<Buffer> {
  const candidate = randomBytes(32).toString('base64');
  await db.insertInto('settings').values({ key: 'server_key', value: candidate }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'server_key').executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
