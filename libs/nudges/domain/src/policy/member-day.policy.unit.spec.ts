/**
 * A commitment's nudges keep to the member's days where the member is when they are delivered.
 * Given Kim in Auckland makes a commitment due Thursday 5 March 2026 on Monday 2 March at 22:00
 * NZDT (T0), the policy owes "due tomorrow" at 09:00 NZDT on the 4th (20:00 UTC on the 3rd) and
 * "overdue" at 09:00 NZDT on the 6th (20:00 UTC on the 5th). When Kim then moves west, delivery
 * holds them until their day has begun where she is.
 */
import type { OwedNudge } from '../owed-nudge';
import { aTeamWithAJourney, commitmentMade, givenPolicy, KIM, reflectionRecorded, T0 } from '../testing';
import { deliverableFrom } from './member-day.policy';

const owedTo = (rule: OwedNudge['rule'], event = commitmentMade('c1', '2026-03-05', KIM, T0)): OwedNudge => {
  const decision = givenPolicy(aTeamWithAJourney())
    .when(event)
    .decisions.find((found) => found.nudge.rule === rule && found.nudge.recipientId === KIM);
  if (decision?.kind !== 'OWED') throw new Error(`no ${rule} owed`);
  return decision.nudge;
};
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

describe('a commitment’s nudges for a member who changed timezone since they were owed', () => {
  const overdue = owedTo('COMMITMENT_OVERDUE');
  const due = owedTo('COMMITMENT_DUE');

  it('are owed on Auckland’s days', () => {
    expect([due.dueAt, overdue.dueAt]).toEqual(['2026-03-03T20:00:00.000Z', '2026-03-05T20:00:00.000Z']);
  });

  it('"overdue" that comes due while it is still the due date in London waits for the rule’s time on London’s next day (the 6th, 09:00 GMT)', () => {
    expect(iso(deliverableFrom(overdue, at(overdue.dueAt), 'Europe/London', null))).toBe('2026-03-06T09:00:00.000Z');
  });

  it('then out of the quiet hours she has there (08:00–10:00: 10:00 GMT)', () => {
    expect(iso(deliverableFrom(overdue, at(overdue.dueAt), 'Europe/London', { start: '08:00', end: '10:00' }))).toBe('2026-03-06T10:00:00.000Z');
  });

  it('"due tomorrow" that comes due two days before the due date in Los Angeles waits for the day before, at the rule’s time (the 4th, 09:00 PST)', () => {
    expect(iso(deliverableFrom(due, at(due.dueAt), 'America/Los_Angeles', null))).toBe('2026-03-04T17:00:00.000Z');
  });

  it('a nudge owed before the rule’s time was kept with it waits for the day’s start', () => {
    const { minutesAfterMidnight: _kept, ...facts } = overdue.facts;
    expect(iso(deliverableFrom({ ...overdue, facts }, at(overdue.dueAt), 'Europe/London', null))).toBe('2026-03-06T00:00:00.000Z');
  });

  it('are not held where their day has already begun (still in Auckland, or moved east)', () => {
    expect(iso(deliverableFrom(overdue, at(overdue.dueAt), 'Pacific/Auckland', null))).toBe(overdue.dueAt);
    expect(iso(deliverableFrom(due, at(due.dueAt), 'Pacific/Kiritimati', null))).toBe(due.dueAt);
  });

  it('a nudge not tied to a day is held for quiet hours only', () => {
    const supportLow = givenPolicy(aTeamWithAJourney())
      .when(reflectionRecorded('r1', { closer: 'NO', comfort: 1, memberId: KIM }, T0))
      .decisions.find((found) => found.nudge.rule === 'SUPPORT_LOW_COMFORT');
    if (!supportLow) throw new Error('no support nudge');
    expect(iso(deliverableFrom(supportLow.nudge, at(T0), 'Europe/London', null))).toBe(T0);
  });
});
