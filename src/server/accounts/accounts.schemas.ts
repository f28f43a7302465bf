import { z } from 'zod';

export const accountSearchQuery = z.strictObject({
  /** Part of the account's name, in any case; empty lists the first accounts by name. */
  q: z.string().trim().max(200, 'Search text has at most 200 characters.').default(''),
  limit: z.coerce.number().int().min(1, 'Ask for 1 to 50 accounts.').max(50, 'Ask for 1 to 50 accounts.').default(20),
});

export const accountIdParams = z.strictObject({
  id: z.coerce.number({ message: 'An account id is a positive whole number.' }).int('An account id is a positive whole number.').positive('An account id is a positive whole number.'),
});

/** An account as the queue's filter names it: no Customer Identifier, which agents do not need. */
export const accountRef = z.object({ id: z.number(), name: z.string() });
export type AccountRef = z.infer<typeof accountRef>;

export const accountRefList = z.object({ items: z.array(accountRef) });
