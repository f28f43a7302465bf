import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import { normalizeCustomerIdentifier } from '../lib/identifiers.ts';
import { accountIdByIdentifier, listAuditEvents, personIdByEmail, type AuditRow } from './audit.repository.ts';
import type { AuditQuery } from './audit.schemas.ts';

type Cursor = [at: number, id: number];

function encodeCursor(row: AuditRow): string {
  return Buffer.from(JSON.stringify([row.at, row.id] satisfies Cursor)).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((n) => Number.isSafeInteger(n))) return parsed as Cursor;
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'This page link is out of date. Go back to the first page.', 'errors.badCursor', 'cursor');
}

/** One page of the audit trail with the filters of the audit page. */
export async function browseAuditTrail(db: Db, query: AuditQuery): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
  let accountId: number | undefined;
  if (query.account) {
    const identifier = normalizeCustomerIdentifier(query.account);
    if (!identifier) throw new AppError('bad_request', 'A Customer Identifier has 10 characters, like ABCDE-FGHJK.', 'errors.customerIdentifierInvalid', 'account');
    const account = await accountIdByIdentifier(db, identifier);
    if (!account) return { items: [], nextCursor: null };
    accountId = account.id;
  }
  const personId = query.email ? (await personIdByEmail(db, query.email))?.id : undefined;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listAuditEvents(db, {
    type: query.type,
    email: query.email,
    personId,
    accountId,
    from: query.from,
    to: query.to,
    after: after ? { at: after[0], id: after[1] } : undefined,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
