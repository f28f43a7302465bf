import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import type { Db } from '../db/database.ts';
import type { Language, RegistrationState } from '../db/schema.ts';
import { accountPeopleWithRoles, emailIsRegistered, findAccountByIdentifier, staffWithRole } from '../accounts/accounts.repository.ts';
import { addPerson, isUniqueViolation } from '../accounts/accounts.service.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { formatNumber, nextCounterValue, normalizeCustomerIdentifier } from '../lib/identifiers.ts';
import { enqueueMail } from '../lib/mail.ts';
import { generateTemporaryPassword, hashPassword, TEMPORARY_PASSWORD_DAYS, unusablePasswordHash } from '../lib/passwords.ts';
import { findProviderByDomain } from '../sso/sso.repository.ts';
import { canDecideRegistration, registrationListScope, type Actor } from './registration.policy.ts';
import {
  registrationHelpMail,
  registrationProcessedMail,
  registrationRejectedMail,
  requestReceivedMail,
  reviewRequestMail,
  ssoRegistrationProcessedMail,
} from './registration.emails.ts';
import { emailHasOpenRequest, findRequestByNumber, listRequests, type RequestWithNames } from './registration.repository.ts';
import type { RegistrationInput } from './registration.schemas.ts';

export type RegistrationDeps = { db: Db; publicUrl: string; kickMail: () => void };

function countryLabel(code: string, language: Language): string {
  const name = new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  return `${name} +${getCountryCallingCode(code as CountryCode)}`;
}

const unknownIdentifier = () =>
  new AppError(
    'bad_request',
    'We could not find an account with this Customer Identifier. Check it (10 characters, like ABCDE-23456), or use "Get help with registration".',
    'errors.identifierUnknown',
    'customerIdentifier',
  );
const emailRequested = () =>
  new AppError('conflict', 'A registration request for this e-mail address is already waiting for approval.', 'errors.emailRequested', 'email');

/**
 * Files a registration request and asks every approver and administrator of the account to review
 * it. No answer names another account: an unknown identifier and a typo look the same. `viaSso`:
 * the account's provider vouched for the address (a newcomer's single sign-on).
 */
export async function submitRegistration(deps: RegistrationDeps, input: RegistrationInput, context: { now: number; ip: string }, { viaSso = false } = {}) {
  const { db } = deps;
  const identifier = normalizeCustomerIdentifier(input.customerIdentifier);
  const account = identifier ? await findAccountByIdentifier(db, identifier) : undefined;
  if (!account) throw unknownIdentifier();
  const email = input.email.trim().toLowerCase();
  if (await emailIsRegistered(db, email)) {
    throw new AppError('conflict', 'This e-mail address is already registered. Log in, or use "Forgot your password?".', 'errors.emailRegistered', 'email');
  }
  if (await emailHasOpenRequest(db, email)) throw emailRequested();
  const reviewers = await accountPeopleWithRoles(db, account.id, ['approver', 'account_admin']);
  if (reviewers.length === 0) {
    throw new AppError(
      'conflict',
      'Your organisation has no registration approver yet, so this request could not be sent. Use "Get help with registration" and we will set one up.',
      'errors.noApprover',
    );
  }

  try {
    const number = await db.transaction().execute(async (trx) => {
      const number = formatNumber('REG', await nextCounterValue(trx, 'registration_request'));
      await trx
        .insertInto('registration_requests')
        .values({
          number,
          account_id: account.id,
          email,
          first_name: input.firstName,
          last_name: input.lastName,
          time_zone: input.timeZone,
          country_code: input.countryCode,
          phone: input.phone,
          mobile: input.mobile,
          preferred_contact: input.preferredContact,
          language: input.language,
          otp_method: input.otpMethod,
          state: 'requested',
          via_sso: viaSso ? 1 : 0,
          created_at: context.now,
        })
        .execute();
      const url = `${deps.publicUrl}/registration-requests/${number}`;
      for (const reviewer of reviewers) {
        const applicant = {
          firstName: input.firstName,
          lastName: input.lastName,
          email,
          accountName: account.name,
          timeZone: input.timeZone,
          countryLabel: countryLabel(input.countryCode, reviewer.language),
          phone: input.phone,
          mobile: input.mobile,
          preferredContact: input.preferredContact,
        };
        await enqueueMail(trx, {
          to: reviewer.email,
          language: reviewer.language,
          now: context.now,
          content: reviewMailFor(reviewer.language, applicant, number, url, reviewer),
        });
      }
      await enqueueMail(trx, {
        to: email,
        language: input.language,
        now: context.now,
        content: requestReceivedMail[input.language]({ firstName: input.firstName, lastName: input.lastName, number }),
      });
      await recordAudit(trx, { type: 'registration.requested', at: context.now, email, ip: context.ip, accountId: account.id, detail: { number, accountId: account.id } });
      return number;
    });
    deps.kickMail();
    return { number, state: 'requested' as const };
  } catch (error) {
    // Two submissions racing past the check meet the partial unique index.
    if (isUniqueViolation(error)) throw emailRequested();
    throw error;
  }
}

function reviewMailFor(
  language: Language,
  applicant: Parameters<(typeof reviewRequestMail)['en']>[0]['applicant'],
  number: string,
  url: string,
  reviewer: { first_name: string; last_name: string },
) {
  return reviewRequestMail[language]({ applicant, number, url, recipientName: { firstName: reviewer.first_name, lastName: reviewer.last_name } });
}

/** The request as its reviewer sees it; 404 for anyone else, so numbers of other accounts reveal nothing. */
export async function viewRegistration(db: Db, actor: Actor, number: string) {
  const request = await findRequestByNumber(db, number);
  if (!request || !canDecideRegistration(actor, request)) throw new AppError('not_found', 'This registration request was not found.', 'errors.notFound');
  return request;
}

/** Every request of the viewer's account (of every account for vendor administrators) in any state, or in the one asked for. */
export async function listRegistrations(db: Db, actor: Actor, query: { state?: RegistrationState | undefined; after?: number | undefined; limit: number }) {
  const scope = registrationListScope(actor);
  if (!scope) throw new AppError('forbidden', 'Only registration approvers and administrators can see registration requests.', 'errors.forbidden');
  const { after, limit } = query;
  const rows = await listRequests(db, scope, { state: query.state }, after, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

const alreadyDecided = (state: string) =>
  new AppError('invalid_state', `This registration request was already ${state}; a request is decided once.`, 'errors.alreadyDecided');

/**
 * Whether the approved person will sign in at the account's provider: their request came from a
 * single sign-on and the account's provider still answers for their domain. (Were the provider
 * removed meanwhile, they would have no way in but a password, which they then get as anyone.)
 */
async function signsInWithSso(db: Db, request: RequestWithNames): Promise<boolean> {
  if (request.via_sso !== 1) return false;
  const provider = await findProviderByDomain(db, request.email.slice(request.email.lastIndexOf('@') + 1));
  return provider?.account_id === request.account_id;
}

/**
 * Approves a request: the contact, its mail and the decision commit together, and the conditional
 * state change lets only one of two racing approvers win. The mail carries a temporary password,
 * but for a newcomer of single sign-on: they sign in at their organisation's provider, so they get
 * no password that a mail could give away (their hash matches none; see unusablePasswordHash).
 */
export async function approveRegistration(deps: RegistrationDeps, actor: Actor, number: string, context: { now: number; ip: string }): Promise<RequestWithNames> {
  const { db } = deps;
  const request = await viewRegistration(db, actor, number);
  if (request.state !== 'requested') throw alreadyDecided(request.state);
  const sso = await signsInWithSso(db, request);
  const temporaryPassword = sso ? null : generateTemporaryPassword();
  const passwordHash = temporaryPassword === null ? await unusablePasswordHash() : await hashPassword(temporaryPassword);
  await db.transaction().execute(async (trx) => {
    const decided = await trx
      .updateTable('registration_requests')
      .set({ state: 'approved', decided_by: actor.person.id, decided_at: context.now })
      .where('id', '=', request.id)
      .where('state', '=', 'requested')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw alreadyDecided('decided');
    const contactId = await addPerson(
      trx,
      {
        kind: 'contact',
        accountId: request.account_id,
        email: request.email,
        firstName: request.first_name,
        lastName: request.last_name,
        roles: [],
        language: request.language,
        otpMethod: request.otp_method,
        timeZone: request.time_zone,
        countryCode: request.country_code,
        phone: request.phone,
        mobile: request.mobile,
        preferredContact: request.preferred_contact,
        now: context.now,
        actorId: actor.person.id,
      },
      passwordHash,
      { temporary: temporaryPassword !== null },
    );
    await trx.updateTable('registration_requests').set({ contact_id: contactId }).where('id', '=', request.id).execute();
    const applicant = { firstName: request.first_name, lastName: request.last_name, number: request.number, email: request.email, loginUrl: `${deps.publicUrl}/login` };
    await enqueueMail(trx, {
      to: request.email,
      language: request.language,
      now: context.now,
      content:
        temporaryPassword === null
          ? ssoRegistrationProcessedMail[request.language](applicant)
          : registrationProcessedMail[request.language]({ ...applicant, temporaryPassword, days: TEMPORARY_PASSWORD_DAYS }),
    });
    await recordAudit(trx, { type: 'registration.approved', at: context.now, personId: contactId, actorId: actor.person.id, email: request.email, ip: context.ip, detail: { number, singleSignOn: sso } });
  });
  deps.kickMail();
  return viewRegistration(db, actor, number);
}

export async function rejectRegistration(deps: RegistrationDeps, actor: Actor, number: string, context: { now: number; ip: string }): Promise<RequestWithNames> {
  const { db } = deps;
  const request = await viewRegistration(db, actor, number);
  if (request.state !== 'requested') throw alreadyDecided(request.state);
  await db.transaction().execute(async (trx) => {
    const decided = await trx
      .updateTable('registration_requests')
      .set({ state: 'rejected', decided_by: actor.person.id, decided_at: context.now })
      .where('id', '=', request.id)
      .where('state', '=', 'requested')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw alreadyDecided('decided');
    await enqueueMail(trx, {
      to: request.email,
      language: request.language,
      now: context.now,
      content: registrationRejectedMail[request.language]({ firstName: request.first_name, lastName: request.last_name, number: request.number, accountName: request.account_name }),
    });
    await recordAudit(trx, { type: 'registration.rejected', at: context.now, actorId: actor.person.id, email: request.email, ip: context.ip, accountId: request.account_id, detail: { number } });
  });
  deps.kickMail();
  return viewRegistration(db, actor, number);
}

/** "Get help with registration": kept, and mailed to every vendor administrator. No account is created. */
export async function requestRegistrationHelp(
  deps: RegistrationDeps,
  input: { name: string; email: string; company: string; message: string; language: Language },
  context: { now: number; ip: string },
): Promise<void> {
  const admins = await staffWithRole(deps.db, 'admin');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('registration_help_requests')
      .values({ name: input.name, email: input.email.toLowerCase(), company: input.company, message: input.message, language: input.language, created_at: context.now })
      .execute();
    for (const admin of admins) {
      await enqueueMail(trx, {
        to: admin.email,
        language: admin.language,
        now: context.now,
        content: registrationHelpMail[admin.language]({ ...input, url: deps.publicUrl }),
      });
    }
    await recordAudit(trx, { type: 'registration.help_requested', at: context.now, email: input.email.toLowerCase(), ip: context.ip, detail: { company: input.company } });
  });
  deps.kickMail();
}
