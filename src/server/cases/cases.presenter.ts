import type { CaseActor } from './cases.policy.ts';
import { allowedActions } from './cases.policy.ts';
import type { ActivityRow, CaseListRow, CaseRow } from './cases.repository.ts';
import type { Language } from '../db/schema.ts';
import { personName } from '../../shared/names.ts';
import { NO_DUE_TIME, type CaseClock, type TargetClock } from '../sla/case-clock.ts';

/** Names in the viewer's language's order; a missing part (a deleted person) leaves the other. */
const nameIn = (language: Language) => (first: string | null, last: string | null) => personName({ firstName: first ?? '', lastName: last ?? '' }, language);

/** A list row as its viewer sees it at `now` (whether its due time has passed). */
export function presentCaseSummary(row: CaseListRow, language: Language, now: number) {
  const dueAt = Number(row.sla_due_at) >= NO_DUE_TIME ? null : Number(row.sla_due_at);
  const fullName = nameIn(language);
  return {
    number: row.number,
    productName: row.product_name,
    subject: row.subject,
    priority: row.priority,
    state: row.state,
    accountName: row.account_name,
    contactName: fullName(row.contact_first_name, row.contact_last_name),
    assignee: row.assignee_id ? { id: row.assignee_id, name: fullName(row.assignee_first_name, row.assignee_last_name) } : null,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    slaDueAt: dueAt,
    slaBreached: dueAt !== null && dueAt <= now,
    // Whole minutes towards the past, so a breach never shows as "0 minutes left".
    slaMinutesLeft: dueAt === null ? null : Math.floor((dueAt - now) / 60_000),
  };
}

type AttachmentRow = { id: number; original_name: string; size: number; content_type: string; created_at: number; first_name: string; last_name: string };

export function presentAttachment(row: AttachmentRow, language: Language) {
  const fullName = nameIn(language);
  return { id: row.id, name: row.original_name, size: row.size, contentType: row.content_type, uploadedBy: fullName(row.first_name, row.last_name), createdAt: row.created_at };
}

export function presentCaseDetail(
  kase: CaseRow,
  actor: CaseActor,
  extra: { followUpOf: string | null; followUps: string[]; attachments: AttachmentRow[]; pendingSurveyId: number | null; clock: CaseClock; now: number },
  language: Language,
) {
  const target = (clock: TargetClock | null) => clock && { status: clock.status, dueAt: clock.dueAt, reachedAt: clock.reachedAt, minutesLeft: Math.round(clock.minutesLeft) };
  const fullName = nameIn(language);
  return {
    ...presentCaseSummary(kase, language, extra.now),
    type: kase.type,
    description: kase.description,
    productId: kase.product_id,
    contact: { id: kase.contact_id, name: fullName(kase.contact_first_name, kase.contact_last_name), email: kase.contact_email },
    followUpOf: extra.followUpOf,
    followUps: extra.followUps,
    resolvedAt: kase.resolved_at,
    closedAt: kase.closed_at,
    attachments: extra.attachments.map((row) => presentAttachment(row, language)),
    pendingSurveyId: extra.pendingSurveyId,
    allowed: allowedActions(actor, kase),
    sla: { firstResponse: target(extra.clock.firstResponse), resolution: target(extra.clock.resolution) },
  };
}

/** One time-line entry. Work notes reach this only for staff (the query leaves them out otherwise). */
export function presentActivity(row: ActivityRow, language: Language) {
  const fullName = nameIn(language);
  const detail = JSON.parse(row.detail) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    author: row.author_first_name !== null ? { name: fullName(row.author_first_name, row.author_last_name), staff: row.author_kind === 'staff' } : null,
    body: row.body,
    fromState: row.from_state,
    toState: row.to_state,
    attachment:
      row.attachment_id !== null
        ? {
            id: row.attachment_id,
            name: row.attachment_name!,
            size: row.attachment_size!,
            contentType: row.attachment_content_type!,
            uploadedBy: fullName(row.uploader_first_name, row.uploader_last_name),
            createdAt: row.attachment_created_at!,
          }
        : null,
    detail,
    createdAt: row.created_at,
  };
}

type Entry = ReturnType<typeof presentActivity>;

/**
 * The time line as people read it: the files sent with a comment, a work note or a new case (marked
 * `sentWith` when written, and following it) are listed on that entry rather than as an entry each.
 * Entries written before the mark existed stay one a file.
 */
export function groupActivities(entries: Entry[]): Array<Entry & { attachments: NonNullable<Entry['attachment']>[] }> {
  const grouped: Array<Entry & { attachments: NonNullable<Entry['attachment']>[] }> = [];
  for (const entry of entries) {
    const previous = grouped[grouped.length - 1];
    const sentWith = entry.detail.sentWith === true && previous !== undefined && ['comment', 'work_note', 'created'].includes(previous.kind) && previous.author?.name === entry.author?.name;
    if (entry.kind === 'attachment' && entry.attachment && sentWith) previous.attachments.push(entry.attachment);
    else grouped.push({ ...entry, attachments: [] });
  }
  return grouped;
}
