import { z } from 'zod';
import { SECOND_FACTOR_POLICIES } from '../../shared/second-factor-policies.ts';

/** The roles an account administrator hands out; vendor roles are never granted here. */
export const CONTACT_ROLES = ['approver', 'account_admin'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const contactsQuery = z.strictObject({
  /** Which account's contacts: vendor administrators must name it; an account administrator may only name their own. */
  accountId: z.coerce.number().int().positive('An account id is a positive whole number.').optional(),
  /** Keyset cursor: the id of the last contact of the previous page. */
  after: z.coerce.number().int().positive('This page link is out of date. Go back to the first page.').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ContactsQuery = z.infer<typeof contactsQuery>;

const contactIdMessage = 'A contact id is a positive whole number.';
const contactId = z.coerce.number({ message: contactIdMessage }).int(contactIdMessage).positive(contactIdMessage);

export const contactIdParams = z.strictObject({ id: contactId });

export const contactRoleParams = z.strictObject({
  id: contactId,
  role: z.enum(CONTACT_ROLES, { message: 'A contact role is approver or account_admin.' }),
});

/** One contact as the Contacts page lists it; never a hash, secret or phone number. */
export const contactView = z.object({
  id: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  roles: z.array(z.enum(CONTACT_ROLES)),
  active: z.boolean(),
  lastLoginAt: z.number().nullable(),
  /** The viewer themselves, whom they cannot deactivate. */
  isViewer: z.boolean(),
});
export type ContactView = z.infer<typeof contactView>;

/** A contact in the list, with what they set up for the account's second-factor rule and whether it meets it. */
export const contactListItem = contactView.extend({
  secondFactor: z.object({ app: z.boolean(), passkey: z.boolean(), meetsPolicy: z.boolean() }),
});

export const contactList = z.object({
  account: z.object({
    id: z.number(),
    name: z.string(),
    secondFactorPolicy: z.enum(SECOND_FACTOR_POLICIES),
    /** The vendor lets the account's administrators manage its single sign-on (GET /api/accounts/:id/identity-provider). */
    ssoSelfService: z.boolean(),
  }),
  items: z.array(contactListItem),
  nextCursor: z.number().nullable(),
});
