/**
 * Relevance when a nudge comes due: given the history that made it owed, and what happened since,
 * then it is still owed or suppressed with its reason (SUPPRESSION_REASONS) and detail.
 */
import type { NudgeRule } from '../nudge-rules';
import type { OwedNudge } from '../owed-nudge';
import type { PolicyEvent } from './policy.events';
import {
  aTeamWithAJourney,
  commitmentKept,
  commitmentMade,
  commitmentMissed,
  daysAfter,
  givenPolicy,
  hoursAfter,
  journeyAbandoned,
  journeyCompleted,
  journeyPaused,
  journeyResumed,
  KIM,
  LEE,
  memberLeft,
  notificationPreferencesChanged,
  nudgeSettingsChanged,
  pivotMade,
  reflectionRecorded,
  SAM,
  settingsWith,
  stepPlanned,
  stepTaken,
  supportOffered,
  supportRequested,
  T0,
  teamMemberJoined,
  teamMemberLeft,
  teamMemberRoleChanged,
  visionRevised,
  memberJoined,
} from '../testing';
import { RELEVANT, suppressedBecause } from './policy.decision';

const TEN = hoursAfter(T0, 1);
const LATER = daysAfter(T0, 1);

/** The nudge `event` makes owed to `to` under `rule`, after `history`. */
const nudgeOwed = (history: readonly PolicyEvent[], event: PolicyEvent, rule: NudgeRule, to: string): { nudge: OwedNudge; history: PolicyEvent[] } => {
  const decision = givenPolicy(history)
    .when(event)
    .decisions.find((found) => found.nudge.rule === rule && found.nudge.recipientId === to);
  if (decision?.kind !== 'OWED') throw new Error(`no ${rule} owed to ${to}`);
  return { nudge: decision.nudge, history: [...history, event] };
};

const team = aTeamWithAJourney();
const reflect = nudgeOwed([...team, stepPlanned('s1')], stepTaken('s1', SAM, TEN), 'REFLECT', SAM);
const relevanceOf = (made: { nudge: OwedNudge; history: PolicyEvent[] }, since: readonly PolicyEvent[] = [], now = LATER) =>
  givenPolicy(made.history).relevanceOf(made.nudge, now, since);

describe('any nudge', () => {
  it('is still owed when nothing changed', () => {
    expect(relevanceOf(reflect)).toEqual(RELEVANT);
  });

  it('is suppressed when its journey completed or was abandoned', () => {
    expect(relevanceOf(reflect, [journeyCompleted(TEN)])).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED'));
    expect(relevanceOf(reflect, [journeyAbandoned(TEN)])).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_ABANDONED'));
  });

  it('a pause silences only what a paused journey refuses or makes untrue (the next step, a stalled journey); what is about a person or a step taken goes on', () => {
    const nextStep = nudgeOwed([...team, stepPlanned('s1'), stepTaken('s1', SAM, TEN)], reflectionRecorded('r1', { closer: 'YES', comfort: 4, stepId: 's1' }, TEN), 'NEXT_STEP', SAM);
    const stalledJourney = nudgeOwed(team.slice(0, 8), team[8], 'STALLED_JOURNEY', LEE); // owed when the journey starts
    const support = nudgeOwed(team, supportRequested('q1', SAM, TEN), 'SUPPORT_WAITING', LEE);
    const overdue = nudgeOwed(team, commitmentMade('c1', '2026-03-03', SAM, TEN), 'COMMITMENT_OVERDUE', SAM);
    const paused = [journeyPaused(TEN)];
    expect(relevanceOf(nextStep, paused)).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'JOURNEY_PAUSED'));
    expect(relevanceOf(stalledJourney, paused)).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'JOURNEY_PAUSED'));
    expect(relevanceOf(reflect, paused)).toEqual(RELEVANT);
    expect(relevanceOf(support, paused)).toEqual(RELEVANT);
    expect(relevanceOf(overdue, paused, daysAfter(TEN, 3))).toEqual(RELEVANT);
    expect(relevanceOf(nextStep, [journeyPaused(TEN), journeyResumed(TEN)])).toEqual(RELEVANT);
  });

  it('is suppressed when its recipient left the organisation, or the team', () => {
    expect(relevanceOf(reflect, [memberLeft(SAM, TEN)])).toEqual(suppressedBecause('MEMBER_LEFT', 'LEFT_ORGANISATION'));
    expect(relevanceOf(reflect, [teamMemberLeft(SAM, TEN)])).toEqual(suppressedBecause('MEMBER_LEFT', 'LEFT_TEAM'));
  });

  it('is suppressed when its recipient opted out since, or the organisation switched the rule off since', () => {
    expect(relevanceOf(reflect, [notificationPreferencesChanged(SAM, ['REFLECT'])])).toEqual(suppressedBecause('OPTED_OUT', 'OPTED_OUT'));
    expect(relevanceOf(reflect, [nudgeSettingsChanged(settingsWith({ REFLECT: { enabled: false } }))])).toEqual(suppressedBecause('RULE_DISABLED', 'RULE_DISABLED'));
  });
});

describe('reflect', () => {
  it('is suppressed once the owner reflected on the step', () => {
    expect(relevanceOf(reflect, [reflectionRecorded('r1', { stepId: 's1' }, TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'REFLECTION_ARRIVED'));
  });

  it('is still owed when someone else reflected on it, or the owner reflected on the journey as a whole', () => {
    expect(relevanceOf(reflect, [reflectionRecorded('r1', { stepId: 's1', memberId: KIM }, TEN), reflectionRecorded('r2', { stepId: null }, TEN)])).toEqual(RELEVANT);
  });
});

describe('next step', () => {
  const nextStep = nudgeOwed(team, reflectionRecorded('r1', { closer: 'YES' }, TEN), 'NEXT_STEP', KIM);

  it('is suppressed once a step is planned', () => {
    expect(relevanceOf(nextStep, [stepPlanned('s2', KIM, LATER)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'STEP_PLANNED'));
  });

  it('is suppressed once a step planned before the reflection is taken after it: the team moved on', () => {
    const planned = nudgeOwed([...team, stepPlanned('s1', KIM, T0)], reflectionRecorded('r1', { closer: 'YES' }, TEN), 'NEXT_STEP', KIM);
    expect(relevanceOf(planned, [stepTaken('s1', KIM, LATER)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'STEP_TAKEN'));
  });

  it('is suppressed by a newer reflection (which owes its own, or says it is not closer)', () => {
    expect(relevanceOf(nextStep, [reflectionRecorded('r2', { closer: 'NO' }, LATER)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'SUPERSEDED'));
  });

  it('is suppressed once the journey has ended, since it takes no further steps', () => {
    expect(relevanceOf(nextStep, [journeyCompleted(LATER)])).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED'));
    expect(relevanceOf(nextStep, [journeyAbandoned(LATER)])).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_ABANDONED'));
  });
});

describe('consider a pivot', () => {
  const pivot = nudgeOwed([...team, reflectionRecorded('r1', { closer: 'NO', comfort: 3 })], reflectionRecorded('r2', { closer: 'NO', comfort: 3 }, TEN), 'CONSIDER_PIVOT', LEE);

  it('is still owed while the NOs go on', () => {
    expect(relevanceOf(pivot, [reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN)])).toEqual(RELEVANT);
  });

  it('is suppressed once the team pivoted, or answered closer', () => {
    expect(relevanceOf(pivot, [pivotMade('p1', TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'NO_RUN_ENDED'));
    expect(relevanceOf(pivot, [reflectionRecorded('r3', { closer: 'YES', comfort: 3 }, TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'NO_RUN_ENDED'));
  });
});

describe('support', () => {
  const waiting = nudgeOwed(team, supportRequested('q1', SAM, TEN), 'SUPPORT_WAITING', LEE);
  const lowComfort = nudgeOwed(team, reflectionRecorded('r1', { closer: 'NO', comfort: 1 }, TEN), 'SUPPORT_LOW_COMFORT', LEE);

  it('is suppressed once a leader answered the request', () => {
    expect(relevanceOf(waiting, [supportOffered('q1', SAM, TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'SUPPORT_ANSWERED'));
    expect(relevanceOf(waiting)).toEqual(RELEVANT);
  });

  it('is suppressed when the member it is about left', () => {
    expect(relevanceOf(lowComfort, [memberLeft(SAM, TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'SUBJECT_MEMBER_LEFT'));
    expect(relevanceOf(lowComfort, [teamMemberLeft(SAM, TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'SUBJECT_MEMBER_LEFT'));
  });

  it('is suppressed for a recipient who no longer leads the team', () => {
    expect(relevanceOf(lowComfort, [teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'NO_LONGER_LEADER'));
  });
});

describe('a nudge owed to the team’s leaders', () => {
  const leaderNudges = {
    CONSIDER_PIVOT: nudgeOwed([...team, reflectionRecorded('r1', { closer: 'NO', comfort: 3 })], reflectionRecorded('r2', { closer: 'NO', comfort: 3 }, TEN), 'CONSIDER_PIVOT', LEE),
    SUPPORT_LOW_COMFORT: nudgeOwed(team, reflectionRecorded('r1', { closer: 'NO', comfort: 1 }, TEN), 'SUPPORT_LOW_COMFORT', LEE),
    SUPPORT_WAITING: nudgeOwed(team, supportRequested('q1', SAM, TEN), 'SUPPORT_WAITING', LEE),
    STALLED_JOURNEY: nudgeOwed([...team, stepPlanned('s1')], stepTaken('s1', SAM, TEN), 'STALLED_JOURNEY', LEE),
  };
  const dueAt = daysAfter(T0, 15);

  it.each(Object.keys(leaderNudges) as (keyof typeof leaderNudges)[])('%s is delivered while its recipient leads the team, and suppressed once they are made STAFF or leave it', (rule) => {
    const made = leaderNudges[rule];
    expect(relevanceOf(made, [], dueAt)).toEqual(RELEVANT);
    expect(relevanceOf(made, [teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', LATER)], dueAt)).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'NO_LONGER_LEADER'));
    expect(relevanceOf(made, [teamMemberLeft(LEE, LATER)], dueAt)).toEqual(suppressedBecause('MEMBER_LEFT', 'LEFT_TEAM'));
  });
});

describe('stalled journey', () => {
  const stalled = nudgeOwed([...team, stepPlanned('s1')], stepTaken('s1', SAM, TEN), 'STALLED_JOURNEY', LEE);

  it('is suppressed once another step is taken', () => {
    expect(relevanceOf(stalled, [stepPlanned('s2'), stepTaken('s2', SAM, daysAfter(T0, 10))], daysAfter(T0, 15))).toEqual(
      suppressedBecause('NO_LONGER_RELEVANT', 'STEP_TAKEN'),
    );
    expect(relevanceOf(stalled, [], daysAfter(T0, 15))).toEqual(RELEVANT);
  });

  it('is suppressed once the journey has ended, since its steps can no longer be taken', () => {
    expect(relevanceOf(stalled, [journeyCompleted(daysAfter(T0, 10))], daysAfter(T0, 15))).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED'));
    expect(relevanceOf(stalled, [journeyAbandoned(daysAfter(T0, 10))], daysAfter(T0, 15))).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_ABANDONED'));
  });
});

describe('vision revised', () => {
  const revised = nudgeOwed(team, visionRevised(2, TEN), 'VISION_REVISED', SAM);

  it('is suppressed once the member reflected against the revised vision', () => {
    expect(relevanceOf(revised, [reflectionRecorded('r1', { visionVersion: 2 }, LATER)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'REFLECTION_ARRIVED'));
    expect(relevanceOf(revised, [reflectionRecorded('r1', { visionVersion: 2, memberId: KIM }, LATER)])).toEqual(RELEVANT);
  });

  it('is suppressed by a newer revision', () => {
    expect(relevanceOf(revised, [visionRevised(3, LATER)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'SUPERSEDED'));
  });
});

describe('commitments', () => {
  const due = nudgeOwed(team, commitmentMade('c1', '2026-03-05', SAM, TEN), 'COMMITMENT_DUE', SAM);
  const overdue = nudgeOwed(team, commitmentMade('c1', '2026-03-05', SAM, TEN), 'COMMITMENT_OVERDUE', SAM);

  it('are suppressed once the commitment is kept or missed', () => {
    expect(relevanceOf(due, [commitmentKept('c1', SAM, TEN)])).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'COMMITMENT_KEPT'));
    expect(relevanceOf(overdue, [commitmentMissed('c1', SAM, TEN)], '2026-03-06T09:00:00.000Z')).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'COMMITMENT_MISSED'));
    expect(relevanceOf(overdue, [], '2026-03-06T09:00:00.000Z')).toEqual(RELEVANT);
  });

  it('are suppressed once the journey has ended, though the commitment can still be marked kept or missed', () => {
    expect(relevanceOf(due, [journeyCompleted(TEN)])).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED'));
    expect(relevanceOf(overdue, [journeyAbandoned(TEN)], '2026-03-06T09:00:00.000Z')).toEqual(suppressedBecause('JOURNEY_ENDED', 'JOURNEY_ABANDONED'));
    // Marked after the end (allowed since accountability outlives the journey): still suppressed, for the journey's reason.
    expect(relevanceOf(overdue, [journeyCompleted(TEN), commitmentKept('c1', SAM, TEN)], '2026-03-06T09:00:00.000Z')).toEqual(
      suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED'),
    );
  });

  it('"due tomorrow" is suppressed when it would arrive on the due date itself', () => {
    expect(relevanceOf(due, [], '2026-03-04T23:59:00.000Z')).toEqual(RELEVANT);
    expect(relevanceOf(due, [], '2026-03-05T00:00:00.000Z')).toEqual(suppressedBecause('NO_LONGER_RELEVANT', 'DUE_DATE_PASSED'));
  });
});

describe('a member who joins after the nudge was decided', () => {
  it('does not change whom it was owed to', () => {
    expect(relevanceOf(reflect, [memberJoined('mem-new'), teamMemberJoined('mem-new', 'STAFF')])).toEqual(RELEVANT);
  });
});
