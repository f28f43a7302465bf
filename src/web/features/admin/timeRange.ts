/** Milliseconds the zone is ahead of UTC at `epochMs`. */
function zoneOffset(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(epochMs);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - (epochMs - (epochMs % 1000));
}

/**
 * The first moment of a calendar day (`YYYY-MM-DD`) in `timeZone`, as epoch milliseconds; with
 * `nextDay` the first moment of the day after, so a range "to" a day includes the whole day.
 * The viewer's days are their profile's time zone, not the browser's.
 */
export function startOfDay(date: string, timeZone: string | undefined, nextDay = false): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const wallClock = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0));
  if (!timeZone) return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0)).getTime();
  try {
    // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
    const guess = wallClock - zoneOffset(wallClock, timeZone);
    return wallClock - zoneOffset(guess, timeZone);
  } catch {
    return undefined;
  }
}
