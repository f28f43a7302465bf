import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers.ts';
import { EMAIL_FAILURE_THRESHOLD } from './lockout.ts';
import { reserveAttempt } from './sign-in-throttle.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

describe.each(databaseKinds)('the lockout counts failures for 24 hours (%s)', (kind) => {
  let database: TestDatabase;
  let keys = 0;
  const freshKey = () => `email:test-${keys++}`;
  /** Failures at the given times, each admitted; the reservation of the last one. */
  const failAt = async (key: string, times: number[]) => {
    let last;
    for (const now of times) {
      last = await reserveAttempt(database.db, key, EMAIL_FAILURE_THRESHOLD, now);
      expect(last.admitted).toBe(true);
    }
    return last!;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.cleanup());

  it('adds up failures less than 24 hours apart into a lock', async () => {
    const gap = 24 * HOUR - 1;
    const times = Array.from({ length: EMAIL_FAILURE_THRESHOLD }, (_, i) => T0 + i * gap);
    const fifth = await failAt(freshKey(), times);
    expect(fifth.lockedUntil).toBe(times.at(-1)! + 30_000);
  });

  it('forgets failures once 24 hours passed since the last one', async () => {
    const key = freshKey();
    await failAt(key, [T0, T0 + 1, T0 + 2, T0 + 3]);
    const fifth = await failAt(key, [T0 + 3 + 24 * HOUR]);
    expect(fifth.lockedUntil).toBeNull();
    const row = await database.db.selectFrom('login_throttles').select('failures').where('key', '=', key).executeTakeFirstOrThrow();
    expect(row.failures).toBe(1);
  });

  it('refuses attempts while locked, and admits one again when the lock ends', async () => {
    const key = freshKey();
    const fifth = await failAt(key, [T0, T0, T0, T0, T0]);
    expect(fifth.lockedUntil).toBe(T0 + 30_000);
    expect(await reserveAttempt(database.db, key, EMAIL_FAILURE_THRESHOLD, T0 + 29_999)).toEqual({ key, admitted: false, lockedUntil: T0 + 30_000 });
    // The lock is over; the sixth failure in a row doubles it.
    expect(await reserveAttempt(database.db, key, EMAIL_FAILURE_THRESHOLD, T0 + 30_000)).toEqual({ key, admitted: true, lockedUntil: T0 + 30_000 + 60_000 });
  });
});
