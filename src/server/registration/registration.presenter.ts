import type { Actor } from './registration.policy.ts';
import { canDecideRegistration } from './registration.policy.ts';
import type { RequestWithNames } from './registration.repository.ts';
import type { Language } from '../db/schema.ts';
import { personName } from '../../shared/names.ts';

/** `language`: the viewer's, which orders the decider's name. */
export function presentRegistration(request: RequestWithNames, actor: Actor, language: Language) {
  return {
    number: request.number,
    state: request.state,
    accountName: request.account_name,
    firstName: request.first_name,
    lastName: request.last_name,
    email: request.email,
    timeZone: request.time_zone,
    countryCode: request.country_code,
    phone: request.phone,
    mobile: request.mobile,
    preferredContact: request.preferred_contact,
    language: request.language,
    otpMethod: request.otp_method,
    createdAt: request.created_at,
    decidedAt: request.decided_at,
    decidedBy: request.decider_first_name ? personName({ firstName: request.decider_first_name, lastName: request.decider_last_name ?? '' }, language) : null,
    canDecide: request.state === 'requested' && canDecideRegistration(actor, request),
  };
}
