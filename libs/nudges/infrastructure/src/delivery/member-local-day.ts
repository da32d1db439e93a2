/**
 * The member's local calendar day around an instant, as two UTC instants [start, end): what the daily
 * cap counts deliveries in. Pure; daylight-saving days are 23 or 25 hours long.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timezone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
};

/** The wall-clock reading in `timezone` at `instant`, as if it were UTC (milliseconds). */
const wallClock = (instant: number, timezone: string): { y: number; m: number; d: number; asUtc: number } => {
  const parts = Object.fromEntries(formatterFor(timezone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  return { y, m, d, asUtc: Date.UTC(y, m - 1, d, Number(parts.hour), Number(parts.minute), Number(parts.second)) };
};

/** The UTC instant of local midnight starting the day y-m-d in `timezone`. */
const localMidnight = (y: number, m: number, d: number, timezone: string): number => {
  const naive = Date.UTC(y, m - 1, d);
  let guess = naive;
  // Two corrections settle any offset, including a day that starts at a daylight-saving change.
  for (let round = 0; round < 2; round += 1) guess = naive - (wallClock(guess, timezone).asUtc - guess);
  return guess;
};

export const localDayOf = (instant: Date, timezone: string): { start: Date; end: Date } => {
  const { y, m, d } = wallClock(instant.getTime(), timezone);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { start: new Date(localMidnight(y, m, d, timezone)), end: new Date(localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timezone)) };
};

export const isKnownTimezone = (timezone: string): boolean => {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
};
