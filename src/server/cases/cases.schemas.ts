import { z } from 'zod';

export const CASE_STATES = ['new', 'work_in_progress', 'awaiting_info', 'resolved', 'closed', 'cancelled'] as const;
export const CASE_TYPES = ['product_issue', 'portal_issue'] as const;
export const SUBJECT_MAX = 160;
export const TEXT_MAX = 20_000;

const attachmentIds = z.array(z.number().int().positive()).max(20, 'Attach at most 20 files at once.').default([]);

export const caseNumberParams = z.strictObject({
  number: z.string().trim().toUpperCase().regex(/^CS\d{7}$/, 'A case number looks like CS0000123.'),
});

/** A person, as the watchers (CC) list shows them. */
const watcherView = z.object({ id: z.number(), name: z.string(), email: z.string() });
export const watchersView = z.object({
  items: z.array(watcherView),
  /** Colleagues who may be added; empty for those who cannot add anyone. */
  candidates: z.array(watcherView),
  canManage: z.boolean(),
});
export const watcherBody = z.strictObject({ personId: z.number({ message: 'Choose a colleague from the list.' }).int().positive() });
export const watcherParams = caseNumberParams.extend({ personId: z.coerce.number().int().positive() });

export const createCaseBody = z.strictObject({
  type: z.enum(CASE_TYPES, { message: 'Choose Product Technical Issue or Customer Support Portal Issue.' }),
  productId: z.number({ message: 'Choose a product from the list.' }).int().positive().nullable().default(null),
  priority: z.number({ message: 'Choose a priority from 1 - Critical to 4 - Low.' }).int().min(1, 'Choose a priority from 1 - Critical to 4 - Low.').max(4, 'Choose a priority from 1 - Critical to 4 - Low.').default(3),
  subject: z.string().trim().min(1, 'Enter a subject.').max(SUBJECT_MAX, `The subject has at most ${SUBJECT_MAX} characters.`),
  description: z.string().trim().min(1, 'Describe the issue.').max(TEXT_MAX, `The description has at most ${TEXT_MAX.toLocaleString('en')} characters.`),
  attachmentIds,
  /** The closed case this one follows up. */
  followUpOf: caseNumberParams.shape.number.optional(),
});

const caseListFields = z.strictObject({
  /** `account`: every case of the viewer's account (account administrators). `following`: cases they watch (CC). `all`: staff only. */
  scope: z.enum(['mine', 'account', 'following', 'all']).default('mine'),
  state: z.enum(CASE_STATES).optional(),
  open: z.enum(['open', 'closed']).optional(),
  q: z.string().trim().max(200, 'Search text has at most 200 characters.').optional(),
  /** `due`: the earliest SLA due time first (what breaches first); cases no clock is due for last. */
  sort: z.enum(['updated', 'number', 'priority', 'due']).default('updated'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Agent queue filters. */
  priority: z.coerce.number().int().min(1).max(4).optional(),
  accountId: z.coerce.number().int().positive().optional(),
  productId: z.coerce.number().int().positive().optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()]).optional(),
  /** Cases last updated on or after this day, and on or before that one, in the viewer's time zone. */
  updatedFrom: z.iso.date({ message: 'Enter the first day as YYYY-MM-DD.' }).optional(),
  updatedTo: z.iso.date({ message: 'Enter the last day as YYYY-MM-DD.' }).optional(),
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
/** Days the wrong way round are a mistake to point out, not an empty list to show. */
const daysInOrder: [(query: { updatedFrom?: string; updatedTo?: string }) => boolean, { message: string; path: string[] }] = [
  (query) => !query.updatedFrom || !query.updatedTo || query.updatedFrom <= query.updatedTo,
  { message: 'The first day of the update range comes after its last day.', path: ['updatedTo'] },
];

export const casesQuery = caseListFields.refine(...daysInOrder);
export type CasesQuery = z.infer<typeof casesQuery>;

/** My Cases' filters for the CSV, which holds every page; `language` names its columns. */
export const exportQuery = caseListFields.omit({ cursor: true, limit: true }).extend({ language: z.enum(['en', 'ja']).optional() }).refine(...daysInOrder);

const personRef = z.object({ id: z.number(), name: z.string() }).nullable();

export const caseSummary = z.object({
  number: z.string(),
  productName: z.string().nullable(),
  subject: z.string(),
  priority: z.number(),
  state: z.enum(CASE_STATES),
  accountName: z.string(),
  contactName: z.string(),
  assignee: personRef,
  updatedAt: z.number(),
  createdAt: z.number(),
  /** The earliest SLA due time still owed (first response or resolution); null when none is. */
  slaDueAt: z.number().nullable(),
  /** That due time has passed. */
  slaBreached: z.boolean(),
  /** Minutes of clock time until it, negative once passed (the Queue's "time left"); null with it. */
  slaMinutesLeft: z.number().nullable(),
});

/** `total`: how many cases the filters select, over every page; `totalCapped`: more than that (counting stops at 1,000). */
export const caseList = z.object({ items: z.array(caseSummary), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });

export const attachmentView = z.object({
  id: z.number(),
  name: z.string(),
  size: z.number(),
  contentType: z.string(),
  uploadedBy: z.string(),
  createdAt: z.number(),
});

export const activityView = z.object({
  id: z.number(),
  kind: z.enum(['created', 'comment', 'work_note', 'state_change', 'attachment', 'priority_change', 'assignment', 'follow_up', 'sla_recomputed']),
  author: z.object({ name: z.string(), staff: z.boolean() }).nullable(),
  body: z.string(),
  fromState: z.enum(CASE_STATES).nullable(),
  toState: z.enum(CASE_STATES).nullable(),
  attachment: attachmentView.nullable(),
  /** Files sent with this comment, note or new case: one entry, not one each. */
  attachments: z.array(attachmentView),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
});

/** One target's clock (sla/case-clock.ts). */
const slaTarget = z.object({
  status: z.enum(['running', 'paused', 'breached', 'met', 'missed', 'stopped']),
  /** When it falls (or fell) due; null while paused. */
  dueAt: z.number().nullable(),
  reachedAt: z.number().nullable(),
  /** Business minutes left, negative once passed. */
  minutesLeft: z.number(),
});

export const activityList = z.object({ items: z.array(activityView) });

/** `with=activity`: the case page's first read brings the time line too, one request for the page. */
export const caseDetailQuery = z.strictObject({ with: z.literal('activity', { error: 'with takes one value: activity.' }).optional() });

export const caseDetail = caseSummary.extend({
  type: z.enum(CASE_TYPES),
  description: z.string(),
  productId: z.number().nullable(),
  contact: z.object({ id: z.number(), name: z.string(), email: z.string() }),
  followUpOf: z.string().nullable(),
  followUps: z.array(z.string()),
  resolvedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  attachments: z.array(attachmentView),
  /** The viewer's own pending survey for this case, if any (its contact, once the case is closed). */
  pendingSurveyId: z.number().nullable(),
  /** What the viewer may do now; the server checks again on every action. */
  allowed: z.array(z.string()),
  /** The SLA clock of each target; null where no target applies to the case's priority. */
  sla: z.object({ firstResponse: slaTarget.nullable(), resolution: slaTarget.nullable() }),
  /** Who follows the case (CC) and whom the viewer may add, as GET …/watchers answers; null for support staff, whose page does not show them. */
  watchers: watchersView.nullable(),
  /** Case Activity as GET …/activity answers it without `after`, when asked for by `with=activity`; null otherwise. */
  activity: activityList.nullable(),
});

export const activityQuery = z.strictObject({ after: z.coerce.number().int().min(0).optional() });

export const commentBody = z.strictObject({
  body: z.string().trim().max(TEXT_MAX, `A comment has at most ${TEXT_MAX.toLocaleString('en')} characters.`).default(''),
  attachmentIds,
  /** Staff only: an internal work note no contact ever sees. */
  workNote: z.boolean().default(false),
});

export const optionalCommentBody = z.strictObject({
  comment: z.string().trim().max(TEXT_MAX, `A comment has at most ${TEXT_MAX.toLocaleString('en')} characters.`).default(''),
});
export const requiredCommentBody = z.strictObject({
  comment: z.string().trim().min(1, 'Tell us why: a comment is required.').max(TEXT_MAX, `A comment has at most ${TEXT_MAX.toLocaleString('en')} characters.`),
});
export const solutionBody = z.strictObject({
  solution: z.string().trim().min(1, 'Enter the solution.').max(TEXT_MAX, `The solution has at most ${TEXT_MAX.toLocaleString('en')} characters.`),
});
/** A contact may add a comment; an agent must give closing notes. */
export const closeBody = z.strictObject({
  comment: z.string().trim().max(TEXT_MAX, `A comment has at most ${TEXT_MAX.toLocaleString('en')} characters.`).default(''),
  notes: z.string().trim().max(TEXT_MAX, `Closing notes have at most ${TEXT_MAX.toLocaleString('en')} characters.`).default(''),
});
export const assignBody = z.strictObject({ assigneeId: z.number().int().positive().nullable() });
export const priorityBody = z.strictObject({ priority: z.number().int().min(1, 'Choose a priority from 1 to 4.').max(4, 'Choose a priority from 1 to 4.') });

export const productsQuery = z.strictObject({ q: z.string().trim().max(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const productView = z.object({ id: z.number(), name: z.string(), active: z.boolean() });
export const productList = z.object({ items: z.array(productView) });
export const productBody = z.strictObject({ name: z.string().trim().min(1, 'Enter a product name.').max(200, 'A product name has at most 200 characters.') });
export const productUpdateBody = z.strictObject({
  name: productBody.shape.name.optional(),
  active: z.boolean().optional(),
});
export const productIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const attachmentIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const stagedAttachment = z.object({ id: z.number(), name: z.string(), size: z.number() });
