import { Readable } from 'node:stream';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { Db } from '../db/database.ts';
import type { Person } from '../db/schema.ts';
import type { AppDeps } from '../app.ts';
import type { AttachmentStore } from '../attachments/attachments.storage.ts';
import { FINAL_STATES } from '../cases/case-state-machine.ts';
import { TEXT_MAX } from '../cases/cases.schemas.ts';
import { addComment, loadVisibleCase, type CaseDeps } from '../cases/cases.service.ts';
import { mayTake, isStaff, type CaseActor } from '../cases/cases.policy.ts';
import { findCaseByNumber } from '../cases/cases.repository.ts';
import { HOUR } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { enqueueMail } from '../lib/mail.ts';
import { sha256 } from '../lib/secrets.ts';
import { replyRefusedMail, type Refusal } from './inbound-mail.emails.ts';
import { automaticKind, headerValues, type HeaderLines } from './mail-kind.ts';
import type { ReplyAddresses } from './reply-address.ts';
import { replyText } from './reply-text.ts';

export type InboundDeps = CaseDeps & {
  replies: ReplyAddresses;
  store: AttachmentStore;
  clock: () => number;
  /** INBOUND_MAX_MB: a larger mail is refused before it is parsed. */
  maxMessageBytes: number;
  /** MAX_ATTACHMENT_MB, as for uploads in the portal. */
  maxAttachmentBytes: number;
};

/**
 * What is known beyond the message: the SMTP envelope's sender and recipients, or the size of a mail
 * an IMAP mailbox holds when only its headers were fetched (it was over INBOUND_MAX_MB).
 */
export type Envelope = { from?: string | null; to?: readonly string[]; size?: number };

/** What became of a mail: a comment, taken before, silently dropped (a machine's mail), or refused with an explanation. */
export type InboundOutcome = 'comment' | 'duplicate' | 'auto_reply' | 'bounce' | Refusal;

/** The pipeline of this portal's deps; null when replies are off (REPLY_ADDRESS unset). */
export function inboundMail(deps: AppDeps): ((raw: Buffer, envelope?: Envelope) => Promise<InboundOutcome>) | null {
  const { db, config, replies, attachments, clock } = deps;
  if (!replies || !config.inbound) return null;
  const inbound: InboundDeps = {
    db,
    publicUrl: config.publicUrl,
    autoCloseDays: config.autoCloseDays,
    kickMail: () => deps.kickMail(),
    replies,
    store: attachments,
    clock,
    maxMessageBytes: config.inbound.maxMessageBytes,
    maxAttachmentBytes: config.maxAttachmentBytes,
  };
  return (raw, envelope) => takeInboundMail(inbound, raw, envelope);
}

/**
 * Takes one incoming mail: a reply to a case mail becomes a comment on the case from the person the
 * reply address was made for, with its attachments and without the quoted earlier mail, through the
 * same service function as "Send" on the case page (activity, mails to the others, state changes).
 * The mail's key (Message-ID, else a digest of its bytes) commits with the comment or the refusal,
 * so it is taken once by any number of processes and across a restart.
 *
 * A refused mail is a normal return, as is a mail taken before. It throws only for a failure worth
 * trying again (the database or the file store unreachable): the caller leaves the mail to retry.
 */
export async function takeInboundMail(deps: InboundDeps, raw: Buffer, envelope: Envelope = {}): Promise<InboundOutcome> {
  if ((envelope.size ?? raw.length) > deps.maxMessageBytes) {
    const head = await parseHead(raw);
    const megabytes = String(Math.floor(deps.maxMessageBytes / 1024 / 1024));
    return refuseUnlessAutomatic(deps, head, raw, envelope, { reason: 'too_large', detail: megabytes });
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch {
    return refuseUnlessAutomatic(deps, await parseHead(raw), raw, envelope, { reason: 'malformed' });
  }
  const key = messageKey(mail, raw);
  if (await alreadyTaken(deps.db, key)) return 'duplicate';
  const from = senderOf(mail);
  const automatic = automaticKind(mail.headerLines, from, mail.subject ?? '', envelope.from);
  if (automatic || !from) return record(deps, { key, from, outcome: automatic ?? 'malformed' });
  const subject = withoutNul(mail.subject ?? '');
  const refuse = (reason: Refusal, more: { number?: string; detail?: string } = {}) => refuseMail(deps, { key, from, subject, reason, ...more });

  const target = replyTarget(deps.replies, envelope, mail.headerLines);
  if (!target) return refuse('unknown_address');
  const person = await deps.db.selectFrom('people').selectAll().where('id', '=', target.personId).executeTakeFirst();
  const kase = await findCaseByNumber(deps.db, target.caseNumber);
  if (!person || !kase) return refuse('unknown_address');
  // Only the person the address was made for: a forwarded mail or a colleague's reply is not theirs to send.
  if (person.email !== from) return refuse('not_the_person');
  if (FINAL_STATES.includes(kase.state)) return refuse('closed_case', { number: kase.number });
  const actor = await actorOf(deps.db, person);
  if (!actor || !(await mayComment(deps.db, actor, kase.number))) return refuse('may_not_comment');

  const body = replyText(withoutNul(mail.text ?? ''));
  if (body.length > TEXT_MAX) return refuse('too_long', { detail: TEXT_MAX.toLocaleString(person.language === 'ja' ? 'ja' : 'en') });
  // Images a mail's HTML shows inline (signature logos) are part of its look, not files sent.
  const files = mail.attachments.filter((file) => !file.related);
  const oversized = files.find((file) => file.size > deps.maxAttachmentBytes);
  if (oversized) return refuse('attachment_too_large', { detail: fileName(oversized, 0) });
  if (!body && files.length === 0) return refuse('empty');

  const staged = await stageFiles(deps, person.id, files);
  try {
    await addComment(deps, actor, kase.number, { body, attachmentIds: staged.map((file) => file.id), workNote: false }, deps.clock(), async (trx) => {
      await trx.insertInto('inbound_mails').values({ message_key: key, sender: from, outcome: 'comment', case_id: kase.id, received_at: deps.clock() }).execute();
    });
  } catch (error) {
    await discardStaged(deps, staged);
    // Another process took the same mail first: its key's row is there now.
    if (await alreadyTaken(deps.db, key)) return 'duplicate';
    if (error instanceof AppError && error.code === 'invalid_state') return refuse('closed_case', { number: kase.number });
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) return refuse('may_not_comment');
    throw error;
  }
  return 'comment';
}

/** PostgreSQL's text holds no NUL character; a mail may carry one, and must not fail for it again and again. */
// eslint-disable-next-line no-control-regex
const withoutNul = (text: string) => text.replace(/\u0000/g, '');

/** Message-ID as sent; a mail without one is known by its bytes. */
function messageKey(mail: Pick<ParsedMail, 'messageId'> | null, raw: Buffer): string {
  const id = withoutNul(mail?.messageId ?? '').trim();
  return id ? id.slice(0, 500) : `sha256:${sha256(raw.toString('latin1'))}`;
}

function senderOf(mail: Pick<ParsedMail, 'from'> | null): string {
  return withoutNul(mail?.from?.value[0]?.address ?? '').trim().toLowerCase();
}

async function alreadyTaken(db: Db, key: string): Promise<boolean> {
  return !!(await db.selectFrom('inbound_mails').select('message_key').where('message_key', '=', key).executeTakeFirst());
}

/** The header block alone, for a mail too large or too broken to parse whole: enough to know its sender. */
async function parseHead(raw: Buffer): Promise<ParsedMail | null> {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end >= 0 ? Math.min(end, 256 * 1024) : Math.min(raw.length, 64 * 1024));
  try {
    return await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]));
  } catch {
    return null;
  }
}

async function refuseUnlessAutomatic(deps: InboundDeps, head: ParsedMail | null, raw: Buffer, envelope: Envelope, refusal: { reason: Refusal; detail?: string }): Promise<InboundOutcome> {
  const key = messageKey(head, raw);
  if (await alreadyTaken(deps.db, key)) return 'duplicate';
  const from = senderOf(head);
  const automatic = head ? automaticKind(head.headerLines, from, head.subject ?? '', envelope.from) : null;
  if (automatic || !from) return record(deps, { key, from, outcome: automatic ?? refusal.reason });
  return refuseMail(deps, { key, from, subject: withoutNul(head?.subject ?? ''), ...refusal });
}

/** The case and person a mail is a reply to: the envelope's recipients first (SMTP), else the headers (a mailbox). */
function replyTarget(replies: ReplyAddresses, envelope: Envelope, lines: HeaderLines) {
  const fromHeaders = ['delivered-to', 'x-original-to', 'to', 'cc'].flatMap((name) => headerValues(lines, name)).flatMap((value) => value.match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? []);
  for (const address of [...(envelope.to ?? []), ...fromHeaders]) {
    const target = replies.verify(address);
    if (target) return target;
  }
  return null;
}

async function actorOf(db: Db, person: Person): Promise<CaseActor | null> {
  if (person.active !== 1) return null;
  const roles = await db.selectFrom('person_roles').select('role').where('person_id', '=', person.id).execute();
  return { person, roles: roles.map((row) => row.role) };
}

/** Whether the person may still comment on the case as they could on its page (a watcher removed, a contact moved: no). */
async function mayComment(db: Db, actor: CaseActor, number: string): Promise<boolean> {
  try {
    const kase = await loadVisibleCase(db, actor, number);
    return mayTake(actor, isStaff(actor) ? 'agent_comment' : 'customer_comment', kase);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

/** The name a file came with, made safe as the portal keeps names: no path, no control characters, at most 255 characters. */
function fileName(file: Attachment, index: number): string {
  // eslint-disable-next-line no-control-regex
  const name = (file.filename ?? '').normalize('NFC').replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim();
  return [...(name && name !== '.' && name !== '..' ? name : `attachment-${index + 1}`)].slice(0, 255).join('');
}

type Staged = { id: number; storedName: string };

/** Stores the files as uploads are stored, staged for the person, for the comment to claim. */
async function stageFiles(deps: InboundDeps, personId: number, files: Attachment[]): Promise<Staged[]> {
  const staged: Staged[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const stored = await deps.store.put(Readable.from([file.content]), deps.maxAttachmentBytes);
      staged.push({ id: 0, storedName: stored.storedName });
      const row = await deps.db
        .insertInto('attachments')
        .values({
          case_id: null,
          uploaded_by: personId,
          original_name: fileName(file, index),
          stored_name: stored.storedName,
          content_type: (file.contentType || 'application/octet-stream').slice(0, 100),
          size: stored.size,
          sha256: stored.sha256,
          created_at: deps.clock(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      staged[staged.length - 1]!.id = row.id;
    }
  } catch (error) {
    await discardStaged(deps, staged);
    throw error;
  }
  return staged;
}

/** Removes files staged for a mail that became no comment; what fails here the staged-files sweep removes later. */
async function discardStaged(deps: InboundDeps, staged: Staged[]): Promise<void> {
  for (const file of staged) {
    try {
      if (file.id) await deps.db.deleteFrom('attachments').where('id', '=', file.id).where('case_id', 'is', null).execute();
      await deps.store.remove(file.storedName);
    } catch {
      // Left to removeStaleStagedAttachments and removeOrphanFiles.
    }
  }
}

/** Records a mail that is dropped without a word (a machine's mail, or one with no sender to answer). */
async function record(deps: InboundDeps, mail: { key: string; from: string; outcome: InboundOutcome }): Promise<InboundOutcome> {
  const inserted = await deps.db
    .insertInto('inbound_mails')
    .values({ message_key: mail.key, sender: mail.from, outcome: mail.outcome, case_id: null, received_at: deps.clock() })
    .onConflict((oc) => oc.column('message_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? mail.outcome : 'duplicate';
}

/**
 * Records a refused mail and explains the refusal to its sender, in one transaction. Only a person
 * the portal knows is answered (a From can be forged, and an answer to a stranger would be
 * backscatter), at most once an hour per address, marked `Auto-Submitted: auto-replied`, so two
 * robots never mail each other in a loop. The case is named only to the person it was sent to.
 */
async function refuseMail(deps: InboundDeps, mail: { key: string; from: string; subject: string; reason: Refusal; number?: string; detail?: string }): Promise<InboundOutcome> {
  const now = deps.clock();
  const sender = await deps.db.selectFrom('people').select(['email', 'language', 'first_name', 'last_name']).where('email', '=', mail.from).executeTakeFirst();
  const taken = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('inbound_mails')
      .values({ message_key: mail.key, sender: mail.from, outcome: mail.reason, case_id: null, received_at: now })
      .onConflict((oc) => oc.column('message_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    if (!sender) return true;
    const claimed = await trx
      .insertInto('inbound_explanations')
      .values({ address: sender.email, hour: Math.floor(now / HOUR) })
      .onConflict((oc) => oc.columns(['address', 'hour']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return true;
    await enqueueMail(trx, {
      to: sender.email,
      language: sender.language,
      now,
      autoReplied: true,
      content: replyRefusedMail[sender.language]({
        firstName: sender.first_name,
        lastName: sender.last_name,
        reason: mail.reason,
        subject: mail.subject.slice(0, 200),
        number: mail.number ?? null,
        detail: mail.detail ?? '',
        portalUrl: deps.publicUrl,
      }),
    });
    return true;
  });
  if (!taken) return 'duplicate';
  deps.kickMail();
  return mail.reason;
}
