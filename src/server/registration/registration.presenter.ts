import type { Actor } from './registration.policy.ts';
import { canDecideRegistration } from './registration.policy.ts';
import type { RequestWithNames } from './registration.repository.ts';

export function presentRegistration(request: RequestWithNames, actor: Actor) {
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
    decidedBy: request.decider_first_name ? `${request.decider_first_name} ${request.decider_last_name}` : null,
    canDecide: request.state === 'requested' && canDecideRegistration(actor, request),
  };
}
