/**
 * The weekly digest: given a team's week, when the clock ticks, then each leader whose Monday 09:00
 * has come is owed one digest for the week (one per leader per week, however often it ticks), with
 * their journeys' closer rate, comfort, steps and open support over the 7 days before it.
 */
import {
  aTeamWithAJourney,
  givenPolicy,
  hoursAfter,
  journeyCompleted,
  journeyStarted,
  LEE,
  memberJoined,
  NIA,
  notificationPreferencesChanged,
  nudgeSettingsChanged,
  owed,
  reflectionRecorded,
  SAM,
  settingsWith,
  stepPlanned,
  stepTaken,
  supportRequested,
  suppressed,
  T0,
  teamCreated,
  teamMemberJoined,
  teamMemberLeft,
  teamMemberRoleChanged,
  teamSubscribed,
} from '../testing';
import type { PolicyEvent } from './policy.events';

/** Monday 9 March 2026, 09:00 in London (GMT). */
const MONDAY = '2026-03-09T09:00:00.000Z';

const week: PolicyEvent[] = [
  ...aTeamWithAJourney(),
  // Before the window (Monday 2 March 08:00): not counted.
  reflectionRecorded('r0', { closer: 'NO', comfort: 1 }, hoursAfter(T0, -1)),
  stepPlanned('s1'),
  stepTaken('s1', SAM, hoursAfter(T0, 2)),
  reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, hoursAfter(T0, 3)),
  reflectionRecorded('r2', { closer: 'NO', comfort: 2 }, hoursAfter(T0, 30)),
  reflectionRecorded('r3', { closer: 'UNSURE', comfort: 3 }, hoursAfter(T0, 50)),
  supportRequested('q1', SAM, hoursAfter(T0, 60)),
  journeyStarted(hoursAfter(T0, 1), 'jny-2', 'Calmer corridors'),
];

describe('the weekly digest', () => {
  it('is owed to each leader on Monday 09:00 in their timezone, about the journeys of the teams they lead', () => {
    const ticked = givenPolicy(week).whenTicked(MONDAY);
    ticked.then([owed('WEEKLY_DIGEST', LEE, 'week-2026-03-09', MONDAY)]);
    expect(ticked.decisions[0].nudge.facts).toEqual({
      week: '2026-03-09',
      teamIds: JSON.stringify(['team-1']),
      journeys: 2,
      yes: 1,
      no: 1,
      unsure: 1,
      closerRate: 0.5,
      comfortMean: 3,
      stepsTaken: 1,
      openSupport: 1,
      lines: ['Calmer corridors: closer 0/0, comfort n/a, 0 steps taken, 0 open support requests', 'Reading at home: closer 1/2 (50%), 1 unsure, comfort 3, 1 step taken, 1 open support request'].join('\n'),
      // As email and Slack carry them: the same lines without the mean comfort.
      linesOutside: ['Calmer corridors: closer 0/0, 0 steps taken, 0 open support requests', 'Reading at home: closer 1/2 (50%), 1 unsure, 1 step taken, 1 open support request'].join('\n'),
    });
  });

  it('is not owed for a week to a leader appointed after its Monday 09:00: their first digest is the next Monday’s', () => {
    const appointed = [...week, memberJoined(NIA), teamMemberJoined(NIA, 'STAFF'), teamMemberRoleChanged(NIA, 'STAFF', 'LEADER', hoursAfter(MONDAY, 4))];
    const recipients = (at: string) => givenPolicy(appointed).whenTicked(at).decisions.map((decision) => decision.nudge.recipientId);
    expect(recipients(hoursAfter(MONDAY, 5))).toEqual([LEE]);
    expect(recipients(hoursAfter(MONDAY, 7 * 24))).toEqual([LEE, NIA]);
    // Appointed straight in as a LEADER after 09:00: the same.
    const joined = [...week, memberJoined(NIA), teamMemberJoined(NIA, 'LEADER', undefined, hoursAfter(MONDAY, 4))];
    expect(givenPolicy(joined).whenTicked(hoursAfter(MONDAY, 5)).decisions.map((decision) => decision.nudge.recipientId)).toEqual([LEE]);
  });

  it('is not owed before Monday 09:00, and the same digest is decided all week (one dedupe key)', () => {
    givenPolicy(week).whenTicked(hoursAfter(MONDAY, -0.25)).then([]);
    const monday = givenPolicy(week).whenTicked(MONDAY).decisions[0].nudge;
    const thursday = givenPolicy(week).whenTicked(hoursAfter(MONDAY, 72)).decisions[0].nudge;
    expect(thursday.dedupeKey).toBe(monday.dedupeKey);
    expect(thursday.nudgeId).toBe(monday.nudgeId);
    expect(thursday.dueAt).toBe(MONDAY);
  });

  it('comes on Monday 09:00 in Auckland for a leader there (Sunday 20:00 UTC)', () => {
    givenPolicy([...week, memberJoined(NIA, 'Pacific/Auckland'), teamMemberJoined(NIA, 'LEADER')])
      .whenTicked('2026-03-08T20:00:00.000Z')
      // Lee, in London, is still in the week before: its digest again, with the key it had on its Monday.
      .then([owed('WEEKLY_DIGEST', NIA, 'week-2026-03-09', '2026-03-08T20:00:00.000Z'), owed('WEEKLY_DIGEST', LEE, 'week-2026-03-02', '2026-03-02T09:00:00.000Z')]);
  });

  it('waits out the leader’s quiet hours', () => {
    givenPolicy([...week, memberJoined(NIA, 'Pacific/Auckland', { start: '08:00', end: '10:30' }), teamMemberJoined(NIA, 'LEADER')])
      .whenTicked('2026-03-08T20:00:00.000Z')
      .then([owed('WEEKLY_DIGEST', NIA, 'week-2026-03-09', '2026-03-08T21:30:00.000Z'), owed('WEEKLY_DIGEST', LEE, 'week-2026-03-02', '2026-03-02T09:00:00.000Z')]);
  });

  it('is not owed to a leader whose journeys have all ended', () => {
    givenPolicy([...aTeamWithAJourney(), journeyCompleted(hoursAfter(T0, 1))]).whenTicked(MONDAY).then([]);
  });

  it('is recorded suppressed when the organisation switched it off or the leader opted out', () => {
    givenPolicy([...week, nudgeSettingsChanged(settingsWith({ WEEKLY_DIGEST: { enabled: false } }))])
      .whenTicked(MONDAY)
      .then([suppressed('WEEKLY_DIGEST', LEE, 'week-2026-03-09', MONDAY, 'RULE_DISABLED/RULE_DISABLED')]);
    givenPolicy([...week, notificationPreferencesChanged(LEE, ['WEEKLY_DIGEST'])])
      .whenTicked(MONDAY)
      .then([suppressed('WEEKLY_DIGEST', LEE, 'week-2026-03-09', MONDAY, 'OPTED_OUT/OPTED_OUT')]);
  });

  it('is suppressed when it would arrive after its week', () => {
    const given = givenPolicy(week);
    const digest = given.whenTicked(MONDAY).decisions[0].nudge;
    expect(given.relevanceOf(digest, hoursAfter(MONDAY, 24 * 6)).relevant).toBe(true);
    expect(given.relevanceOf(digest, hoursAfter(MONDAY, 24 * 7 - 9))).toEqual({ relevant: false, reason: 'NO_LONGER_RELEVANT', detail: 'DIGEST_WEEK_OVER' });
  });

  describe('for a leader whose role changed after it was owed', () => {
    const given = givenPolicy(week);
    const digest = given.whenTicked(MONDAY).decisions[0].nudge;
    const deliveredAt = hoursAfter(MONDAY, 2);

    it('is still delivered to a leader who still leads the team', () => {
      expect(given.relevanceOf(digest, deliveredAt)).toEqual({ relevant: true });
      expect(given.relevanceOf(digest, deliveredAt, [teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', MONDAY), teamMemberRoleChanged(LEE, 'STAFF', 'LEADER', MONDAY)])).toEqual({
        relevant: true,
      });
    });

    it('is suppressed for a leader made STAFF: the team’s figures are no longer theirs to see', () => {
      expect(given.relevanceOf(digest, deliveredAt, [teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', hoursAfter(MONDAY, 1))])).toEqual({
        relevant: false,
        reason: 'NO_LONGER_RELEVANT',
        detail: 'NO_LONGER_LEADER',
      });
    });

    it('is suppressed for a leader removed from the team', () => {
      expect(given.relevanceOf(digest, deliveredAt, [teamMemberLeft(LEE, hoursAfter(MONDAY, 1))])).toEqual({ relevant: false, reason: 'MEMBER_LEFT', detail: 'LEFT_TEAM' });
    });

    it('is suppressed whole for a leader of two teams who no longer leads one of them (its figures are both teams’ together)', () => {
      const twoTeams = givenPolicy([...week, teamCreated('team-2'), teamSubscribed('team-2'), teamMemberJoined(LEE, 'LEADER', 'team-2'), journeyStarted(hoursAfter(T0, 1), 'jny-3', 'Maths talk', 'team-2')]);
      const both = twoTeams.whenTicked(MONDAY).decisions[0].nudge;
      expect(both.facts.teamIds).toBe(JSON.stringify(['team-1', 'team-2']));
      expect(twoTeams.relevanceOf(both, deliveredAt)).toEqual({ relevant: true });
      expect(twoTeams.relevanceOf(both, deliveredAt, [teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', hoursAfter(MONDAY, 1), 'team-2')])).toEqual({
        relevant: false,
        reason: 'NO_LONGER_RELEVANT',
        detail: 'NO_LONGER_LEADER',
      });
    });
  });
});
