/**
 * Quiet hours and timezones defer a nudge to the next allowed minute on the recipient's wall clock:
 * windows within a day and across midnight, and DST changes (a missing hour, a repeated hour) in
 * London and in Auckland, where the clocks change on other dates and the other way round.
 */
import { localDateOf, offsetMinutesAt } from '@stepwise/kernel';
import {
  aTeamWithAJourney,
  daysAfter,
  givenPolicy,
  hoursAfter,
  KIM,
  LEE,
  memberPreferencesUpdated,
  owed,
  stepPlanned,
  stepTaken,
  T0,
} from '../testing';
import { instantAtLocal } from './local-time';
import { deferOutOfQuietHours, isQuietAt } from './quiet-hours.policy';

const at = (iso: string): Date => new Date(iso);
const defer = (iso: string, timezone: string, start: string, end: string): string => deferOutOfQuietHours(at(iso), timezone, { start, end }).toISOString();

describe('a window within one day (12:00–14:00 in London)', () => {
  it('defers a nudge inside it to its end', () => {
    expect(defer('2026-03-02T13:00:00.000Z', 'Europe/London', '12:00', '14:00')).toBe('2026-03-02T14:00:00.000Z');
  });

  it('leaves one outside it alone, and treats the end minute as allowed', () => {
    expect(defer('2026-03-02T11:59:30.000Z', 'Europe/London', '12:00', '14:00')).toBe('2026-03-02T11:59:30.000Z');
    expect(defer('2026-03-02T14:00:00.000Z', 'Europe/London', '12:00', '14:00')).toBe('2026-03-02T14:00:00.000Z');
  });
});

describe('a window across midnight (22:00–07:00 in London)', () => {
  it('defers a nudge in the evening to 07:00 the next morning', () => {
    expect(defer('2026-03-02T23:30:00.000Z', 'Europe/London', '22:00', '07:00')).toBe('2026-03-03T07:00:00.000Z');
    expect(defer('2026-03-02T22:00:00.000Z', 'Europe/London', '22:00', '07:00')).toBe('2026-03-03T07:00:00.000Z');
  });

  it('defers a nudge after midnight to 07:00 the same morning', () => {
    expect(defer('2026-03-03T03:00:00.000Z', 'Europe/London', '22:00', '07:00')).toBe('2026-03-03T07:00:00.000Z');
  });

  it('leaves the day alone', () => {
    expect(defer('2026-03-03T07:00:00.000Z', 'Europe/London', '22:00', '07:00')).toBe('2026-03-03T07:00:00.000Z');
    expect(defer('2026-03-02T21:59:00.000Z', 'Europe/London', '22:00', '07:00')).toBe('2026-03-02T21:59:00.000Z');
  });

  it('reads the window on the summer wall clock in summer', () => {
    // 23:30 BST is 22:30 UTC; 07:00 BST is 06:00 UTC.
    expect(defer('2026-07-01T22:30:00.000Z', 'Europe/London', '22:00', '07:00')).toBe('2026-07-02T06:00:00.000Z');
  });
});

describe('the week Auckland leaves DST (Sunday 5 April 2026, 03:00 NZDT becomes 02:00 NZST)', () => {
  it('a night window ends at 07:00 on the new offset (UTC+12), a 10-hour night', () => {
    // Saturday 23:00 NZDT is 10:00 UTC; Sunday 07:00 NZST is 19:00 UTC.
    expect(offsetMinutesAt(at('2026-04-04T10:00:00.000Z'), 'Pacific/Auckland')).toBe(13 * 60);
    expect(defer('2026-04-04T10:00:00.000Z', 'Pacific/Auckland', '22:00', '07:00')).toBe('2026-04-04T19:00:00.000Z');
  });

  it('the days either side keep their own offsets', () => {
    expect(defer('2026-04-03T10:00:00.000Z', 'Pacific/Auckland', '22:00', '07:00')).toBe('2026-04-03T18:00:00.000Z');
    expect(defer('2026-04-05T10:00:00.000Z', 'Pacific/Auckland', '22:00', '07:00')).toBe('2026-04-05T19:00:00.000Z');
  });

  it('a window ending in the repeated hour ends at its first occurrence', () => {
    // 02:30 happens twice that night; the first time is 02:30 NZDT, 13:30 UTC.
    expect(defer('2026-04-04T11:00:00.000Z', 'Pacific/Auckland', '23:00', '02:30')).toBe('2026-04-04T13:30:00.000Z');
  });

  it('a nudge due in the repeated hour, after the first 02:30, waits for the second: the wall clock is back inside the window', () => {
    // 14:10 UTC is 02:10 NZST, the second time 02:10 comes that night; 02:30 NZST is 14:30 UTC.
    expect(isQuietAt(at('2026-04-04T14:10:00.000Z'), 'Pacific/Auckland', { start: '23:00', end: '02:30' })).toBe(true);
    expect(defer('2026-04-04T14:10:00.000Z', 'Pacific/Auckland', '23:00', '02:30')).toBe('2026-04-04T14:30:00.000Z');
    expect(defer('2026-04-04T14:10:30.500Z', 'Pacific/Auckland', '23:00', '02:30')).toBe('2026-04-04T14:30:00.000Z');
  });
});

describe('the week Auckland enters DST (Sunday 27 September 2026, 02:00 NZST becomes 03:00 NZDT)', () => {
  it('a window ending in the skipped hour ends when the clocks jump', () => {
    // Saturday 23:30 NZST is 11:30 UTC; 02:30 never happens; 03:00 NZDT is 14:00 UTC.
    expect(defer('2026-09-26T11:30:00.000Z', 'Pacific/Auckland', '23:00', '02:30')).toBe('2026-09-26T14:00:00.000Z');
    expect(isQuietAt(at('2026-09-26T14:00:00.000Z'), 'Pacific/Auckland', { start: '23:00', end: '02:30' })).toBe(false);
  });

  it('a night window ends at 07:00 on the new offset (UTC+13)', () => {
    expect(defer('2026-09-26T10:00:00.000Z', 'Pacific/Auckland', '22:00', '07:00')).toBe('2026-09-26T18:00:00.000Z');
  });
});

describe('London’s own changes', () => {
  it('a window ending in the hour skipped on 29 March ends at 02:00 BST (01:00 UTC)', () => {
    expect(defer('2026-03-29T00:45:00.000Z', 'Europe/London', '00:30', '01:30')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('a nudge due at 01:10 GMT on 25 October, after 01:30 BST has passed, waits for 01:30 GMT', () => {
    // 01:10 UTC is 01:10 GMT, the second 01:10 of the night; the window 23:00–01:30 holds it until 01:30 GMT.
    expect(defer('2026-10-25T01:10:00.000Z', 'Europe/London', '23:00', '01:30')).toBe('2026-10-25T01:30:00.000Z');
    expect(defer('2026-10-25T01:10:00.000Z', 'Europe/London', '01:00', '01:30')).toBe('2026-10-25T01:30:00.000Z');
  });

  it('a wall time repeated on 25 October is its first occurrence', () => {
    expect(instantAtLocal('2026-10-25', 90, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localDateOf(at('2026-10-25T23:30:00.000Z'), 'Europe/London')).toBe('2026-10-25');
  });
});

describe('clocks going back to a wall time outside the window', () => {
  it('London, 25 October: a nudge due at 01:43 BST in a 01:30–02:30 window goes at 01:00 GMT, when the clocks go back out of the window', () => {
    // 00:43Z is 01:43 BST (quiet); at 01:00Z the clocks show 01:00 GMT, outside the window until 01:30 GMT.
    expect(isQuietAt(at('2026-10-25T01:00:00.000Z'), 'Europe/London', { start: '01:30', end: '02:30' })).toBe(false);
    expect(defer('2026-10-25T00:43:00.000Z', 'Europe/London', '01:30', '02:30')).toBe('2026-10-25T01:00:00.000Z');
  });

  it('New York, 1 November: the same at 01:00 EST', () => {
    // 05:32Z is 01:32 EDT (quiet); 06:00Z is 01:00 EST.
    expect(defer('2026-11-01T05:32:00.000Z', 'America/New_York', '01:30', '02:30')).toBe('2026-11-01T06:00:00.000Z');
  });

  it('Auckland, 5 April: a long window (02:30–01:45) does not skip the half hour the clocks go back into, a day later', () => {
    // 13:44Z is 02:44 NZDT (quiet); at 14:00Z the clocks show 02:00 NZST, outside the window until 02:30.
    expect(defer('2026-04-04T13:44:00.000Z', 'Pacific/Auckland', '02:30', '01:45')).toBe('2026-04-04T14:00:00.000Z');
  });
});

describe('a window whose only allowed stretch falls in the hour the clocks skip', () => {
  it('Santiago, 6 September: 00:30–00:00 allows 00:00–00:30, which does not exist that night; the nudge waits for the next midnight, never a quiet minute', () => {
    // Chile's clocks jump from 00:00 to 01:00 on 6 September 2026 (04:00Z); 7 September 00:00 (-03) is 03:00Z.
    const quietHours = { start: '00:30', end: '00:00' };
    const deferred = deferOutOfQuietHours(at('2026-09-05T12:00:00.000Z'), 'America/Santiago', quietHours);
    expect(isQuietAt(deferred, 'America/Santiago', quietHours)).toBe(false);
    expect(deferred.toISOString()).toBe('2026-09-07T03:00:00.000Z');
  });
});

describe('every deferral is the next allowed minute (a sweep over the nights the clocks change)', () => {
  it('is never in the past, never quiet, and no allowed minute lies between the due time and it', () => {
    // Each zone from six hours before its change to six after.
    const changes: [string, string][] = [
      ['Europe/London', '2026-10-25T01:00:00.000Z'],
      ['Europe/London', '2026-03-29T01:00:00.000Z'],
      ['America/New_York', '2026-11-01T06:00:00.000Z'],
      ['America/New_York', '2026-03-08T07:00:00.000Z'],
      ['Pacific/Auckland', '2026-04-04T14:00:00.000Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00.000Z'],
    ];
    const windows: [string, string][] = [['01:30', '02:30'], ['01:00', '02:00'], ['00:00', '01:30'], ['23:00', '02:15']];
    const firstAllowed = (from: number, zone: string, quietHours: { start: string; end: string }): number => {
      for (let minute = from; ; minute = Math.floor(minute / 60_000) * 60_000 + 60_000) if (!isQuietAt(new Date(minute), zone, quietHours)) return minute;
    };
    const wrong: string[] = [];
    for (const [zone, change] of changes) {
      for (const [start, end] of windows) {
        const quietHours = { start, end };
        for (let due = Date.parse(change) - 6 * 3_600_000; due < Date.parse(change) + 6 * 3_600_000; due += 13 * 60_000 + 30_000) {
          const deferred = deferOutOfQuietHours(new Date(due), zone, quietHours).getTime();
          const expected = firstAllowed(due, zone, quietHours);
          if (deferred !== expected) wrong.push(`${zone} ${start}–${end} due ${new Date(due).toISOString()}: ${new Date(deferred).toISOString()}, not ${new Date(expected).toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('clocks going back by half an hour (Lord Howe Island, Sunday 5 April 2026, 02:00 becomes 01:30)', () => {
  it('a nudge due at the second 01:30 waits for the window’s end at 01:45 on the new offset (UTC+10:30)', () => {
    // 15:00 UTC is 01:30 LHST, the second 01:30 of the night; 01:45 LHST is 15:15 UTC.
    expect(defer('2026-04-04T15:00:00.000Z', 'Australia/Lord_Howe', '01:00', '01:45')).toBe('2026-04-04T15:15:00.000Z');
  });
});

describe('the policy defers each nudge out of its recipient’s quiet hours', () => {
  it('a step Kim takes at 23:00 in Auckland owes a reflection at 03:00 there, deferred to 07:00 (18:00 UTC); Lee in London has no quiet hours', () => {
    const takenAt = hoursAfter(T0, 1);
    givenPolicy([...aTeamWithAJourney(), memberPreferencesUpdated(KIM, 'Pacific/Auckland', { start: '22:00', end: '07:00' }), stepPlanned('s1', KIM)])
      .when(stepTaken('s1', KIM, takenAt))
      .then([owed('REFLECT', KIM, 's1', '2026-03-02T18:00:00.000Z'), owed('STALLED_JOURNEY', LEE, `quiet-since-${takenAt}`, daysAfter(takenAt, 14))]);
  });

  it('a step Kim takes in New York the night the clocks go back owes a reflection at 01:15 EST, deferred to her quiet hours’ end at 01:30 EST', () => {
    // Taken at 22:15 EDT on Saturday 31 October (02:15Z); four hours later is 06:15Z, 01:15 EST, after
    // 01:30 EDT (05:30Z) has come and gone and the clocks went back to 01:00; 01:30 EST is 06:30Z.
    const takenAt = '2026-11-01T02:15:00.000Z';
    givenPolicy([...aTeamWithAJourney(), memberPreferencesUpdated(KIM, 'America/New_York', { start: '22:00', end: '01:30' }), stepPlanned('s1', KIM)])
      .when(stepTaken('s1', KIM, takenAt))
      .then([owed('REFLECT', KIM, 's1', '2026-11-01T06:30:00.000Z'), owed('STALLED_JOURNEY', LEE, `quiet-since-${takenAt}`, daysAfter(takenAt, 14))]);
  });

  it('an unknown stored timezone is read as UTC rather than stopping the policy', () => {
    expect(defer('2026-03-02T23:00:00.000Z', 'Mars/Olympus_Mons', '22:00', '07:00')).toBe('2026-03-03T07:00:00.000Z');
  });
});
