import { z } from 'zod';
import { MAX_PERIOD_DAYS, periodDays } from './dashboard.period.ts';

const accountMessage = 'Name an account by its id, or "all" for every account.';

export const dashboardQuery = z
  .strictObject({
    /** Whose cases: an account's id, or `all` (vendor administrators only). An account administrator may leave it out: their own account. */
    account: z.union([z.literal('all'), z.coerce.number({ message: accountMessage }).int(accountMessage).positive(accountMessage)], { message: accountMessage }).optional(),
    /** First and last day of the period, in the viewer's time zone; both left out: the last 90 days. */
    from: z.iso.date({ message: 'Enter the first day as YYYY-MM-DD.' }).optional(),
    to: z.iso.date({ message: 'Enter the last day as YYYY-MM-DD.' }).optional(),
  })
  .refine((query) => (query.from === undefined) === (query.to === undefined), { message: 'Give both the first and the last day of the period, or neither.', path: ['to'] })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'The first day of the period comes after its last day.', path: ['to'] })
  .refine((query) => !query.from || !query.to || periodDays(query.from, query.to) <= MAX_PERIOD_DAYS, {
    message: `A period spans at most ${MAX_PERIOD_DAYS} days (two years). Choose a shorter one.`,
    path: ['from'],
  });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const count = z.number().int();
/** The states of a case still open: the customer or the vendor owes the next step. */
export const OPEN_STATES = ['new', 'work_in_progress', 'awaiting_info', 'resolved'] as const;

/** One target of one priority over the period: the configured target next to what was reached. */
const targetFigures = z.object({
  /** Business minutes the target allows; null where none is set. */
  targetMinutes: z.number().nullable(),
  /** Cases that reached it in the period (their first response, or their solution), under a target. */
  reached: count,
  /** Of those, how many in time. */
  met: count,
  /** The median business minutes used; null when none reached it. */
  medianMinutes: z.number().nullable(),
});

export const dashboardView = z.object({
  /** The account shown; null for every account. */
  account: z.object({ id: z.number(), name: z.string() }).nullable(),
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  /** Cases open now (New, Work in Progress, Awaiting Info, Resolved), whatever the period. */
  openCases: z.object({
    total: count,
    byState: z.array(z.object({ state: z.enum(OPEN_STATES), count })),
    byPriority: z.array(z.object({ priority: z.number().int(), count })),
    byProduct: z.array(z.object({ productId: z.number().nullable(), productName: z.string().nullable(), count })),
  }),
  /** Each week (Monday first, in the viewer's zone) the period touches: cases opened and cases closed in it. */
  weeks: z.array(z.object({ weekStart: z.string(), opened: count, closed: count })),
  /** Per priority, first response and resolution against their targets, over what was reached in the period. */
  targets: z.array(z.object({ priority: z.number().int(), firstResponse: targetFigures, resolution: targetFigures })),
  surveys: z.object({
    /** Each week: surveys answered and their average overall satisfaction (1–5), null when none. */
    weeks: z.array(z.object({ weekStart: z.string(), answered: count, averageSatisfaction: z.number().nullable() })),
    /** The latest comments left in the period, newest first. */
    latestComments: z.array(z.object({ caseNumber: z.string(), accountName: z.string(), answeredAt: z.number(), satisfaction: z.number().nullable(), comment: z.string() })),
  }),
});
export type DashboardView = z.infer<typeof dashboardView>;
