import { formatCustomerIdentifier } from '../lib/identifiers.ts';
import type { AccountRow, HelpRequestRow, StaffRow } from './admin.repository.ts';

export function presentAccount(row: AccountRow) {
  return {
    id: row.id,
    name: row.name,
    customerIdentifier: formatCustomerIdentifier(row.customer_identifier),
    secondFactorPolicy: row.second_factor_policy,
    ssoSelfService: row.sso_self_service === 1,
    createdAt: row.created_at,
  };
}

export function presentStaff(row: StaffRow) {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.is_admin ? ('admin' as const) : ('agent' as const),
    otpMethod: row.otp_method,
    language: row.language,
    timeZone: row.time_zone,
    active: row.active === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export function presentHelpRequest(row: HelpRequestRow) {
  return { id: row.id, name: row.name, email: row.email, company: row.company, message: row.message, language: row.language, createdAt: row.created_at };
}
