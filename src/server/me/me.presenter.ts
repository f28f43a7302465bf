import type { Person, Session } from '../db/schema.ts';
import { hmac } from '../lib/secrets.ts';
import type { Profile } from './me.schemas.ts';

/** The person's own details, fields picked one by one. */
export function presentProfile(person: Person): Profile {
  return {
    email: person.email,
    firstName: person.first_name,
    lastName: person.last_name,
    timeZone: person.time_zone,
    countryCode: person.country_code,
    phone: person.phone,
    mobile: person.mobile,
    preferredContact: person.preferred_contact,
    language: person.language,
    otpMethod: person.otp_method,
    caseMails: { opened: person.mail_case_opened === 1, commented: person.mail_case_commented === 1, resolved: person.mail_case_resolved === 1, closed: person.mail_case_closed === 1 },
  };
}

/**
 * The public name of a session: a keyed hash of the stored id. The stored id is itself the hash of
 * the cookie's token, so neither this nor the row gives back a usable token.
 */
export function publicSessionId(serverKey: Buffer, sessionId: string): string {
  return hmac(serverKey, `session|${sessionId}`).slice(0, 24);
}

export function presentSession(serverKey: Buffer, session: Session, currentSessionId: string) {
  return {
    id: publicSessionId(serverKey, session.id),
    current: session.id === currentSessionId,
    createdAt: session.created_at,
    lastSeenAt: session.last_seen_at,
    ip: session.ip,
    userAgent: session.user_agent,
  };
}
