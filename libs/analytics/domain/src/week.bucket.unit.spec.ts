import { localDateOf, offsetMinutesAt } from '@stepwise/kernel';
import { midnightOf, weekBuckets, weekOf } from './week.bucket';

const HOUR = 3_600_000;
const at = (iso: string): Date => new Date(iso);

describe('weeks start Monday 00:00 in the organisation timezone', () => {
  it('in UTC, Sunday 23:59 is the old week and Monday 00:00 the new one', () => {
    expect(weekOf(at('2026-11-29T23:59:59.999Z'), 'UTC')).toBe('2026-11-23');
    expect(weekOf(at('2026-11-30T00:00:00.000Z'), 'UTC')).toBe('2026-11-30');
  });

  it('in Auckland (UTC+13 in November), the new week starts on Sunday 11:00 UTC', () => {
    // 10:59 UTC Sunday is 23:59 Sunday in Auckland; 11:00 UTC is Monday 00:00 there.
    expect(weekOf(at('2026-11-29T10:59:00.000Z'), 'Pacific/Auckland')).toBe('2026-11-23');
    expect(weekOf(at('2026-11-29T11:00:00.000Z'), 'Pacific/Auckland')).toBe('2026-11-30');
    expect(weekOf(at('2026-11-29T11:00:00.000Z'), 'UTC')).toBe('2026-11-23');
    expect(midnightOf('2026-11-30', 'Pacific/Auckland').toISOString()).toBe('2026-11-29T11:00:00.000Z');
  });

  it('in Honolulu (UTC-10), Monday 09:59 UTC is still Sunday', () => {
    expect(weekOf(at('2026-11-30T09:59:00.000Z'), 'Pacific/Honolulu')).toBe('2026-11-23');
    expect(weekOf(at('2026-11-30T10:00:00.000Z'), 'Pacific/Honolulu')).toBe('2026-11-30');
  });

  it('reads offsets and local dates across a DST change', () => {
    expect(offsetMinutesAt(at('2026-10-24T12:00:00Z'), 'Europe/London')).toBe(60);
    expect(offsetMinutesAt(at('2026-10-26T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(localDateOf(at('2026-10-18T23:30:00Z'), 'Europe/London')).toBe('2026-10-19');
  });

  it('the week London leaves summer time (Sunday 25 Oct 2026) is 169 hours long', () => {
    const [week] = weekBuckets(at('2026-10-20T12:00:00Z'), at('2026-10-21T00:00:00Z'), 'Europe/London');
    expect(week).toEqual({ week: '2026-10-19', start: at('2026-10-18T23:00:00.000Z'), end: at('2026-10-26T00:00:00.000Z') });
    expect((week.end.getTime() - week.start.getTime()) / HOUR).toBe(169);
    // 23:30 UTC on the Sunday is 23:30 GMT: still the same week.
    expect(weekOf(at('2026-10-25T23:30:00Z'), 'Europe/London')).toBe('2026-10-19');
  });

  it('the week London enters summer time (Sunday 29 Mar 2026) is 167 hours long', () => {
    const [week] = weekBuckets(at('2026-03-24T12:00:00Z'), at('2026-03-25T00:00:00Z'), 'Europe/London');
    expect(week).toEqual({ week: '2026-03-23', start: at('2026-03-23T00:00:00.000Z'), end: at('2026-03-29T23:00:00.000Z') });
    expect((week.end.getTime() - week.start.getTime()) / HOUR).toBe(167);
  });

  it('Auckland entering summer time on Sunday 27 Sep 2026 gives a 167-hour week from Monday 21 Sep', () => {
    const [week] = weekBuckets(at('2026-09-22T00:00:00Z'), at('2026-09-22T01:00:00Z'), 'Pacific/Auckland');
    // NZST (+12) on Monday 21 Sep; NZDT (+13) by Monday 28 Sep.
    expect(week).toEqual({ week: '2026-09-21', start: at('2026-09-20T12:00:00.000Z'), end: at('2026-09-27T11:00:00.000Z') });
  });

  it('lists every week overlapping the window, oldest first, none past its end', () => {
    const weeks = weekBuckets(at('2026-11-04T00:00:00Z'), at('2026-11-30T00:00:00Z'), 'UTC').map((bucket) => bucket.week);
    expect(weeks).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  describe('where clocks changed at Monday midnight, or offsets had seconds (windows in the past)', () => {
    it('a Monday whose midnight was skipped begins at the jump: São Paulo, 6 Oct 1997, 00:00 −03 to 01:00 −02', () => {
      expect(midnightOf('1997-10-06', 'America/Sao_Paulo').toISOString()).toBe('1997-10-06T03:00:00.000Z');
      const [before] = weekBuckets(at('1997-09-30T12:00:00Z'), at('1997-10-01T00:00:00Z'), 'America/Sao_Paulo');
      expect((before.end.getTime() - before.start.getTime()) / HOUR).toBe(168);
      // 02:30 UTC is Sunday 23:30 there: the old week.
      expect(weekOf(at('1997-10-06T02:30:00Z'), 'America/Sao_Paulo')).toBe('1997-09-29');
      expect(midnightOf('1997-10-01', 'Pacific/Kiritimati').toISOString()).toBe('1997-09-30T10:00:00.000Z');
      expect(midnightOf('1979-10-01', 'Pacific/Kiritimati').toISOString()).toBe('1979-10-01T10:40:00.000Z');
    });

    it('a Monday whose midnight came twice begins at the first: Jerusalem, 24 Sep 2001, 01:00 +03 back to 00:00 +02', () => {
      expect(midnightOf('2001-09-24', 'Asia/Jerusalem').toISOString()).toBe('2001-09-23T21:00:00.000Z');
      const [week] = weekBuckets(at('2001-09-18T12:00:00Z'), at('2001-09-19T00:00:00Z'), 'Asia/Jerusalem');
      expect((week.end.getTime() - week.start.getTime()) / HOUR).toBe(168);
      expect(weekOf(at('2001-09-23T21:30:00Z'), 'Asia/Jerusalem')).toBe('2001-09-24');
    });

    it('an offset with seconds counts them: Kolkata in 1905 (+05:21:10), Monrovia in 1960 (−00:44:30)', () => {
      expect(midnightOf('1905-01-02', 'Asia/Kolkata').toISOString()).toBe('1905-01-01T18:38:50.000Z');
      expect(midnightOf('1960-01-04', 'Africa/Monrovia').toISOString()).toBe('1960-01-04T00:44:30.000Z');
    });
  });
});
