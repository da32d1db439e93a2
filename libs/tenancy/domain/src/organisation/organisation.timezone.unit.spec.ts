/**
 * Which timezone names are taken. Analytics weeks are bounded in the runtime (Intl) and bucketed in
 * PostgreSQL (`AT TIME ZONE`), so a name must mean the same zone to both: PostgreSQL reads a bare
 * abbreviation (PST, IST, CET) as a fixed offset of its own, and some it does not know at all (AET).
 */
import { readableTimezone, validTimezone } from './organisation.validation';

const refusal = (value: unknown): unknown => {
  try {
    validTimezone(value);
  } catch (error) {
    return { code: (error as { code?: string }).code, details: (error as { details?: unknown }).details };
  }
  return 'accepted';
};

describe('a timezone setting', () => {
  it.each(['Europe/London', 'America/St_Johns', 'Pacific/Auckland', 'Etc/GMT+12', 'Asia/Kolkata', 'Europe/Kyiv', 'UTC'])('takes the IANA name %s as sent', (name) => {
    expect(validTimezone(name)).toBe(name);
  });

  it.each([
    ['europe/london', 'Europe/London'],
    ['AMERICA/ST_JOHNS', 'America/St_Johns'],
  ])('stores %s, a zone spelled in another case, as %s', (name, zone) => {
    expect(validTimezone(name)).toBe(zone);
  });

  it.each([
    ['GB', 'Europe/London'],
    ['Japan', 'Asia/Tokyo'],
    ['utc', 'UTC'],
    ['Zulu', 'UTC'],
  ])('stores the IANA name %s without a region as the zone it stands for, %s', (name, zone) => {
    expect(validTimezone(name)).toBe(zone);
  });

  // The database's copy of the timezone data dropped these links (2017 and 2020) while the
  // runtime's still knows them: stored as sent, they failed every analytics query afterwards.
  it.each([
    ['US/Pacific', 'America/Los_Angeles'],
    ['US/Pacific-New', 'America/Los_Angeles'],
    ['Canada/East-Saskatchewan', 'America/Regina'],
  ])('stores %s, an old link, as the zone it stands for, %s', (name, zone) => {
    expect(validTimezone(name)).toBe(zone);
  });

  it('refuses SystemV/AST4, a zone the runtime knows and the database does not', () => {
    expect(refusal('SystemV/AST4')).toEqual({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'timezone', reason: 'UNKNOWN_TIMEZONE' }) });
  });

  it.each(['CET', 'EST5EDT', 'MET', 'WET'])('never keeps %s, a zone with summer time that the database reads as a fixed offset', (name) => {
    const taken = refusal(name) === 'accepted' ? validTimezone(name) : null;
    expect(taken === null || taken.includes('/')).toBe(true);
  });

  it.each(['PST', 'IST', 'AET', 'BST', 'CST', 'ACT', 'JST'])('refuses the abbreviation %s, which is no IANA name and means another zone (or none) to the database', (name) => {
    expect(refusal(name)).toEqual({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'timezone', reason: 'UNKNOWN_TIMEZONE' }) });
  });

  it.each(['Mars/Olympus', '+05:30', 'UTC+1', ''])('refuses %j', (name) => {
    expect(refusal(name)).toEqual({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'timezone' }) });
  });
});

describe('a timezone read back from storage', () => {
  it('answers what validTimezone takes, and undefined for what it refuses, the same when asked again', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(readableTimezone('Europe/London')).toBe('Europe/London');
      expect(readableTimezone('europe/london')).toBe('Europe/London');
      expect(readableTimezone('PST')).toBeUndefined();
      expect(readableTimezone('Not/AZone')).toBeUndefined();
      expect(readableTimezone(42)).toBeUndefined();
      expect(readableTimezone(undefined)).toBeUndefined();
    }
  });

  it('still answers each spelling rightly after more spellings than it keeps', () => {
    for (let index = 0; index < 2_500; index += 1) expect(readableTimezone(`Nowhere/Zone${index}`)).toBeUndefined();
    expect(readableTimezone('Pacific/Auckland')).toBe('Pacific/Auckland');
    expect(readableTimezone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });
});
