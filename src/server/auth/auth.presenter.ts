import type { Db } from '../db/database.ts';
import type { Person } from '../db/schema.ts';
import { formatCustomerIdentifier } from '../lib/identifiers.ts';
import { accountOf, rolesOf } from './auth.repository.ts';

/** The signed-in person as the web app sees them; never the hashes or secrets. */
export async function presentMe(db: Db, person: Person) {
  const [roles, account] = await Promise.all([rolesOf(db, person.id), person.account_id ? accountOf(db, person.account_id) : undefined]);
  return {
    id: person.id,
    kind: person.kind,
    email: person.email,
    firstName: person.first_name,
    lastName: person.last_name,
    language: person.language,
    timeZone: person.time_zone,
    otpMethod: person.otp_method,
    roles,
    account: account ? { name: account.name, customerIdentifier: formatCustomerIdentifier(account.customer_identifier) } : null,
  };
}
