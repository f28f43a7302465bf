import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CaseState, Database, Language } from '../db/schema.ts';
import { staffWithRole } from '../accounts/accounts.repository.ts';
import { AppError } from '../lib/errors.ts';
import { formatNumber, nextCounterValue } from '../lib/identifiers.ts';
import { enqueueMail } from '../lib/mail.ts';
import type { NameParts } from '../../shared/names.ts';
import type { MailContent } from '../lib/mail.ts';
import { caseMailRecipients, isWatching, type CaseMailKind } from './case-watchers.ts';
import { autoCloseHours } from '../lib/settings.ts';
import { foldForMatching } from '../knowledge/search-text.ts';
import { createSurveyForClosedCase } from '../surveys/surveys.service.ts';
import { nextState, type CaseAction } from './case-state-machine.ts';
import {
  caseClosedMail,
  caseCommentedMail,
  caseOpenedMail,
  caseResolvedMail,
  newCaseForAgentsMail,
} from './cases.emails.ts';
import { canSeeCase, isStaff, mayTake, type CaseActor } from './cases.policy.ts';
import { findCaseByNumber, insertActivity, type CaseRow } from './cases.repository.ts';
import { recomputeCaseClock } from '../sla/sla.clock.ts';
import type { ReplyAddresses } from '../inbound/reply-address.ts';

export type CaseDeps = {
  db: Db;
  publicUrl: string;
  /** AUTO_CLOSE_DAYS, used when the administrators have not set the auto-close days. */
  autoCloseDays: number;
  kickMail: () => void;
  /** REPLY_ADDRESS's signed addresses; unset or null: case mails are send-only. */
  replies?: ReplyAddresses | null;
};
type Trx = Transaction<Database>;


const caseNotFound = () => new AppError('not_found', 'This case was not found.', 'errors.caseNotFound');

/** The case if the actor may see it; 404 otherwise, the same as for a number that does not exist. */
/** A case as its viewer may see it; `watcherOnly`: seen only as a watcher (CC), who reads and comments. */
export type VisibleCase = CaseRow & { watcherOnly: boolean };

export async function loadVisibleCase(db: Db, actor: CaseActor, number: string): Promise<VisibleCase> {
  const kase = await findCaseByNumber(db, number);
  if (!kase) throw caseNotFound();
  if (canSeeCase(actor, kase)) return { ...kase, watcherOnly: false };
  if (await isWatching(db, actor, kase)) return { ...kase, watcherOnly: true };
  throw caseNotFound();
}

function caseLinks(publicUrl: string, number: string) {
  return { url: `${publicUrl}/cases/${number}`, myCasesUrl: `${publicUrl}/my-cases` };
}

function caseMailParams(deps: CaseDeps, kase: CaseRow, to: NameParts) {
  return { number: kase.number, subject: kase.subject, ...to, ...caseLinks(deps.publicUrl, kase.number) };
}

/** Attaches the uploader's staged files to a case; any id that is not theirs and unused is a 400. */
async function claimStagedAttachments(trx: Trx, uploaderId: number, caseId: number, attachmentIds: number[]): Promise<number[]> {
  const unique = [...new Set(attachmentIds)];
  if (unique.length === 0) return [];
  const claimed = await trx
    .updateTable('attachments')
    .set({ case_id: caseId })
    .where('id', 'in', unique)
    .where('uploaded_by', '=', uploaderId)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== unique.length) {
    throw new AppError('bad_request', 'An attachment was not found or already belongs to a case. Upload it again.', 'errors.attachmentUnknown', 'attachmentIds');
  }
  return unique;
}

export type OpenCaseInput = {
  type: 'product_issue' | 'portal_issue';
  productId: number | null;
  priority: number;
  subject: string;
  description: string;
  attachmentIds: number[];
  followUpOf?: string;
};

/**
 * "Create Case": the case, its first activity, its attachments and its mails commit together, and
 * the case is in My Cases at once. The number comes from a counter row, so it never repeats.
 */
export async function openCase(deps: CaseDeps, actor: CaseActor, input: OpenCaseInput, now: number): Promise<{ number: string }> {
  const { db } = deps;
  if (actor.person.kind !== 'contact' || !actor.person.account_id) {
    throw new AppError('forbidden', 'Cases are opened by contacts of a customer account.', 'errors.forbidden');
  }
  const accountId = actor.person.account_id;
  if (input.type === 'product_issue' && input.productId === null) {
    throw new AppError('bad_request', 'Choose the product the issue is about.', 'errors.productRequired', 'productId');
  }
  if (input.productId !== null) {
    const product = await db.selectFrom('products').select('id').where('id', '=', input.productId).where('active', '=', 1).executeTakeFirst();
    if (!product) throw new AppError('bad_request', 'This product is not in the catalogue. Choose one from the list.', 'errors.productUnknown', 'productId');
  }
  let followUpOf: CaseRow | undefined;
  if (input.followUpOf) {
    followUpOf = await loadVisibleCase(db, actor, input.followUpOf);
    if (followUpOf.state !== 'closed' && followUpOf.state !== 'cancelled') {
      throw new AppError('invalid_state', 'Only a closed case can have a follow-up case.', 'errors.followUpOpen', 'followUpOf');
    }
  }
  const agents = await staffWithRole(db, 'agent');
  const account = await db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirstOrThrow();

  const number = await db.transaction().execute(async (trx) => {
    const number = formatNumber('CS', await nextCounterValue(trx, 'case'));
    const inserted = await trx
      .insertInto('cases')
      .values({
        number,
        account_id: accountId,
        contact_id: actor.person.id,
        product_id: input.productId,
        type: input.type,
        priority: input.priority,
        subject: input.subject,
        search_text: foldForMatching(`${number} ${input.subject}`),
        description: input.description,
        state: 'new',
        follow_up_of: followUpOf?.id ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertActivity(trx, { caseId: inserted.id, kind: 'created', authorId: actor.person.id, toState: 'new', now, detail: followUpOf ? { followUpOf: followUpOf.number } : {} });
    await recomputeCaseClock(trx, inserted.id, now);
    for (const attachmentId of await claimStagedAttachments(trx, actor.person.id, inserted.id, input.attachmentIds)) {
      await insertActivity(trx, { caseId: inserted.id, kind: 'attachment', authorId: actor.person.id, attachmentId, detail: { sentWith: true }, now });
    }
    if (followUpOf) {
      await insertActivity(trx, { caseId: followUpOf.id, kind: 'follow_up', authorId: actor.person.id, detail: { followUp: number }, now });
    }
    const links = caseLinks(deps.publicUrl, number);
    const replyTo = (personId: number) => deps.replies?.addressFor(number, personId);
    if (actor.person.mail_case_opened === 1) {
      await enqueueMail(trx, {
        to: actor.person.email,
        language: actor.person.language,
        now,
        replyTo: replyTo(actor.person.id),
        content: caseOpenedMail[actor.person.language]({ number, subject: input.subject, description: input.description, firstName: actor.person.first_name, lastName: actor.person.last_name, ...links }),
      });
    }
    for (const agent of agents) {
      await enqueueMail(trx, {
        to: agent.email,
        language: agent.language,
        now,
        replyTo: replyTo(agent.id),
        content: newCaseForAgentsMail[agent.language]({ number, subject: input.subject, accountName: account.name, priority: input.priority, url: links.url }),
      });
    }
    return number;
  });
  deps.kickMail();
  return { number };
}

/**
 * Applies one action to a case inside a transaction: checks who may, asks the state machine, writes
 * the state with a conditional update (a concurrent change makes it a 409), then lets `write` add
 * the activity and mails of the same change.
 */
async function actOnCase(
  deps: CaseDeps,
  actor: CaseActor,
  number: string,
  action: CaseAction,
  now: number,
  write: (trx: Trx, kase: CaseRow, from: CaseState, to: CaseState) => Promise<void>,
  extra: Partial<Database['cases']> = {},
): Promise<void> {
  const kase = await loadVisibleCase(deps.db, actor, number);
  if (!mayTake(actor, action, kase)) throw new AppError('forbidden', 'You cannot do this on a case.', 'errors.forbidden');
  const to = nextState(action, kase.state);
  await deps.db.transaction().execute(async (trx) => {
    const changes: Record<string, unknown> = { state: to, updated_at: now, ...extra };
    if (to === 'resolved' && kase.state !== 'resolved') Object.assign(changes, { resolved_at: now, reminder_sent_at: null });
    if (to === 'closed' || to === 'cancelled') changes.closed_at = now;
    const updated = await trx.updateTable('cases').set(changes).where('id', '=', kase.id).where('state', '=', kase.state).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('conflict', 'The case changed while you were working on it. Reload the page and try again.', 'errors.caseChanged');
    }
    if (to !== kase.state) await insertActivity(trx, { caseId: kase.id, kind: 'state_change', authorId: actor.person.id, fromState: kase.state, toState: to, now, detail: { action } });
    await write(trx, kase, kase.state, to);
    // Every action may start, pause, stop or move the SLA clock; a new priority says so in the activity.
    await recomputeCaseClock(trx, kase.id, now, action === 'change_priority' ? { reason: 'priority' } : {});
    if (to === 'closed') await createSurveyForClosedCase(trx, { caseId: kase.id, contactId: kase.contact_id, number: kase.number, subject: kase.subject, publicUrl: deps.publicUrl, now });
  });
  deps.kickMail();
}

/**
 * A case mail to the contact and the watchers who keep this kind of mail on, each in their own
 * language and greeted by name; never to `except`, who caused it. Each carries its reader's reply
 * address, but for a closed case, which takes no comment any more.
 */
async function mailCase(deps: CaseDeps, trx: Trx, kase: CaseRow, now: number, kind: CaseMailKind, except: number | null, content: (language: Language, to: NameParts) => MailContent) {
  for (const to of await caseMailRecipients(trx, kase, kind, except)) {
    const replyTo = kind === 'closed' ? undefined : deps.replies?.addressFor(kase.number, to.id);
    await enqueueMail(trx, { to: to.email, language: to.language, now, replyTo, content: content(to.language, { firstName: to.first_name, lastName: to.last_name }) });
  }
}

/** The actor's name parts; each reader's mail writes them in its own language's order. */
function authorName(actor: CaseActor): NameParts {
  return { firstName: actor.person.first_name, lastName: actor.person.last_name };
}

/**
 * "Send" on the case page, or a staff "Work note" that no contact ever sees; also a reply by e-mail,
 * whose `within` records the mail in the comment's transaction, so the mail is taken once.
 */
export async function addComment(
  deps: CaseDeps,
  actor: CaseActor,
  number: string,
  input: { body: string; attachmentIds: number[]; workNote: boolean },
  now: number,
  within?: (trx: Trx, kase: CaseRow) => Promise<void>,
) {
  if (input.workNote && !isStaff(actor)) throw new AppError('forbidden', 'Only support staff write work notes.', 'errors.forbidden');
  if (!input.body && input.attachmentIds.length === 0) throw new AppError('bad_request', 'Write a comment or attach a file.', 'errors.commentEmpty', 'body');
  const action: CaseAction = input.workNote ? 'work_note' : isStaff(actor) ? 'agent_comment' : 'customer_comment';
  await actOnCase(deps, actor, number, action, now, async (trx, kase) => {
    const attachments = await claimStagedAttachments(trx, actor.person.id, kase.id, input.attachmentIds);
    if (input.body) await insertActivity(trx, { caseId: kase.id, kind: input.workNote ? 'work_note' : 'comment', authorId: actor.person.id, body: input.body, internal: input.workNote, now });
    // Marked as sent with the comment, so the time line lists them on it (groupActivities).
    for (const attachmentId of attachments) await insertActivity(trx, { caseId: kase.id, kind: 'attachment', authorId: actor.person.id, attachmentId, internal: input.workNote, detail: { sentWith: input.body !== '' }, now });
    // The contact and the watchers hear of what others write on the case, never of work notes.
    if (!input.workNote) {
      await mailCase(deps, trx, kase, now, 'commented', actor.person.id, (language, to) => caseCommentedMail[language]({ ...caseMailParams(deps, kase, to), author: authorName(actor), comment: input.body || '(attachment)' }));
    }
    await within?.(trx, kase);
  });
}

/** A file dropped on the case page: stored already, linked here with its activity. */
export async function attachToCase(deps: CaseDeps, actor: CaseActor, number: string, attachmentId: number, now: number) {
  await actOnCase(deps, actor, number, 'add_attachment', now, async (trx, kase) => {
    await claimStagedAttachments(trx, actor.person.id, kase.id, [attachmentId]);
    await insertActivity(trx, { caseId: kase.id, kind: 'attachment', authorId: actor.person.id, attachmentId, now });
  });
}

export async function acceptSolution(deps: CaseDeps, actor: CaseActor, number: string, now: number) {
  await actOnCase(deps, actor, number, 'accept_solution', now, async (trx, kase) => {
    await mailCase(deps, trx, kase, now, 'closed', null, (language, to) => caseClosedMail[language]({ ...caseMailParams(deps, kase, to), how: 'accepted', notes: '' }));
  });
}

export async function rejectSolution(deps: CaseDeps, actor: CaseActor, number: string, comment: string, now: number) {
  await actOnCase(deps, actor, number, 'reject_solution', now, async (trx, kase) => {
    await insertActivity(trx, { caseId: kase.id, kind: 'comment', authorId: actor.person.id, body: comment, detail: { rejection: true }, now });
  });
}

/** The contact closes a case that is not Resolved; the activity records that the customer closed it. */
export async function closeByCustomer(deps: CaseDeps, actor: CaseActor, number: string, comment: string, now: number) {
  await actOnCase(deps, actor, number, 'customer_close', now, async (trx, kase) => {
    if (comment) await insertActivity(trx, { caseId: kase.id, kind: 'comment', authorId: actor.person.id, body: comment, detail: { closing: true }, now });
    await mailCase(deps, trx, kase, now, 'closed', null, (language, to) => caseClosedMail[language]({ ...caseMailParams(deps, kase, to), how: 'customer', notes: '' }));
  });
}

export async function startWork(deps: CaseDeps, actor: CaseActor, number: string, now: number) {
  await actOnCase(
    deps,
    actor,
    number,
    'start_work',
    now,
    async (trx, kase) => {
      if (kase.assignee_id !== actor.person.id) await insertActivity(trx, { caseId: kase.id, kind: 'assignment', authorId: actor.person.id, detail: { assignee: authorName(actor) }, now });
    },
    { assignee_id: actor.person.id },
  );
}

export async function assignCase(deps: CaseDeps, actor: CaseActor, number: string, assigneeId: number | null, now: number) {
  let assigneeName: NameParts | null = null;
  if (assigneeId !== null) {
    const assignee = await deps.db
      .selectFrom('people')
      .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
      .select(['people.first_name', 'people.last_name'])
      .where('people.id', '=', assigneeId)
      .where('people.kind', '=', 'staff')
      .where('people.active', '=', 1)
      .where('person_roles.role', '=', 'agent')
      .executeTakeFirst();
    if (!assignee) throw new AppError('bad_request', 'Choose an active agent to assign the case to.', 'errors.assigneeUnknown', 'assigneeId');
    assigneeName = { firstName: assignee.first_name, lastName: assignee.last_name };
  }
  await actOnCase(
    deps,
    actor,
    number,
    'assign',
    now,
    async (trx, kase) => {
      await insertActivity(trx, { caseId: kase.id, kind: 'assignment', authorId: actor.person.id, detail: { assignee: assigneeName }, now });
    },
    { assignee_id: assigneeId },
  );
}

export async function requestInfo(deps: CaseDeps, actor: CaseActor, number: string, comment: string, now: number) {
  await actOnCase(deps, actor, number, 'request_info', now, async (trx, kase) => {
    if (comment) {
      await insertActivity(trx, { caseId: kase.id, kind: 'comment', authorId: actor.person.id, body: comment, now });
      await mailCase(deps, trx, kase, now, 'commented', null, (language, to) => caseCommentedMail[language]({ ...caseMailParams(deps, kase, to), author: authorName(actor), comment }));
    }
  });
}

export async function proposeSolution(deps: CaseDeps, actor: CaseActor, number: string, solution: string, now: number) {
  await actOnCase(deps, actor, number, 'propose_solution', now, async (trx, kase) => {
    await insertActivity(trx, { caseId: kase.id, kind: 'comment', authorId: actor.person.id, body: solution, detail: { solution: true }, now });
    // The mail promises the wait the auto-close job will keep: the administrators' setting if any.
    const hours = await autoCloseHours(trx, deps.autoCloseDays);
    await mailCase(deps, trx, kase, now, 'resolved', null, (language, to) => caseResolvedMail[language]({ ...caseMailParams(deps, kase, to), solution, autoCloseHours: hours }));
  });
}

export async function closeByAgent(deps: CaseDeps, actor: CaseActor, number: string, notes: string, now: number) {
  await actOnCase(deps, actor, number, 'agent_close', now, async (trx, kase) => {
    await insertActivity(trx, { caseId: kase.id, kind: 'comment', authorId: actor.person.id, body: notes, detail: { closingNotes: true }, now });
    await mailCase(deps, trx, kase, now, 'closed', null, (language, to) => caseClosedMail[language]({ ...caseMailParams(deps, kase, to), how: 'agent', notes }));
  });
}

export async function cancelCase(deps: CaseDeps, actor: CaseActor, number: string, comment: string, now: number) {
  await actOnCase(deps, actor, number, 'cancel', now, async (trx, kase) => {
    if (comment) await insertActivity(trx, { caseId: kase.id, kind: 'comment', authorId: actor.person.id, body: comment, now });
  });
}

export async function changePriority(deps: CaseDeps, actor: CaseActor, number: string, priority: number, now: number) {
  const kase = await loadVisibleCase(deps.db, actor, number);
  if (kase.priority === priority) return;
  await actOnCase(
    deps,
    actor,
    number,
    'change_priority',
    now,
    async (trx) => {
      await insertActivity(trx, { caseId: kase.id, kind: 'priority_change', authorId: actor.person.id, detail: { from: kase.priority, to: priority }, now });
    },
    { priority },
  );
}
