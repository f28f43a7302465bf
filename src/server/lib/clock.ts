/** Milliseconds since the epoch. Injected so tests can move time instead of waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * The time as a background job reads it: the database's clock in production (databaseNow), so that
 * processes on several hosts agree; a Clock the test moves by hand in tests.
 */
export type JobClock = () => number | Promise<number>;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
