import { z } from 'zod';
import { AUDIT_TYPES } from '../lib/audit.ts';

export const auditQuery = z
  .strictObject({
    type: z.enum(AUDIT_TYPES, { message: 'Choose an event type from the list.' }).optional(),
    /** Events about this person or done by them, and events that name this address (a failed login). */
    email: z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a whole e-mail address.' }).max(254, 'An e-mail address has at most 254 characters.')).optional(),
    /** Customer Identifier of the account, with or without the dash, in any case. */
    account: z.string().trim().max(20, 'A Customer Identifier looks like ABCDE-FGHJK.').optional(),
    /** Epoch milliseconds, inclusive. */
    from: z.coerce.number().int().min(0).optional(),
    /** Epoch milliseconds, exclusive. */
    to: z.coerce.number().int().min(0).optional(),
    /** Opaque keyset cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, { message: 'The start of the time range must be before its end.', path: ['to'] });
export type AuditQuery = z.infer<typeof auditQuery>;

const personRef = z.object({ name: z.string(), email: z.string() }).nullable();

export const auditEventView = z.object({
  id: z.number(),
  at: z.number(),
  type: z.string(),
  /** Who did it, when someone else than the person concerned did (an approver, an administrator). */
  actor: personRef,
  /** The person the event is about; for sign-in events also the one who acted. */
  person: personRef,
  /** The address the event names, e.g. the one typed at a failed login. */
  email: z.string().nullable(),
  account: z.object({ name: z.string(), customerIdentifier: z.string() }).nullable(),
  ip: z.string().nullable(),
  /** The event's particulars, each as text. */
  detail: z.record(z.string(), z.string()),
});

export const auditList = z.object({ items: z.array(auditEventView), nextCursor: z.string().nullable() });

export const auditTypeList = z.object({ items: z.array(z.enum(AUDIT_TYPES)) });
