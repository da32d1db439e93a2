/**
 * Someone removed from the organisation and added again has a new member id and is the same person
 * (their sign-in subject). Their steps keep the owner id they were planned under; the journey's
 * rules let them take and reflect on those steps under the new id, and the policy follows: the
 * "reflect on your step" nudge reaches them where they are now, and their reflection under the new
 * id settles it. Clock: the events' own times, from Monday 2 March 2026 09:00 UTC.
 */
import {
  aTeamWithAJourney,
  daysAfter,
  givenPolicy,
  hoursAfter,
  KIM,
  LEE,
  memberAddedAgain,
  memberLeft,
  owed,
  reflectionRecorded,
  SAM,
  stepPlanned,
  stepTaken,
  suppressed,
  T0,
  teamMemberJoined,
  teamMemberLeft,
} from '../testing';

/** Sam, added again: a new member id for the same person. */
const SAM_AGAIN = 'mem-sam-2';
const LEFT = hoursAfter(T0, 1);
const TAKEN = hoursAfter(T0, 2);

/** Sam planned s1, then was removed from the organisation (and so the team) and added back to the team. */
const samAddedAgain = [
  ...aTeamWithAJourney(),
  stepPlanned('s1', SAM),
  memberLeft(SAM, LEFT),
  teamMemberLeft(SAM, LEFT),
  memberAddedAgain(SAM, SAM_AGAIN, LEFT),
  teamMemberJoined(SAM_AGAIN, 'STAFF', undefined, LEFT),
];

describe('reflect, for an owner removed and added again', () => {
  it('is owed to their member id now when the step they planned before is taken', () => {
    givenPolicy(samAddedAgain)
      .when(stepTaken('s1', SAM, TAKEN))
      .then([owed('REFLECT', SAM_AGAIN, 's1', hoursAfter(TAKEN, 4)), owed('STALLED_JOURNEY', LEE, `quiet-since-${TAKEN}`, daysAfter(TAKEN, 14))]);
  });

  it('is settled by their reflection on the step under the new id (REFLECTION_ARRIVED), not by someone else’s', () => {
    const given = givenPolicy(samAddedAgain);
    const reflect = given.when(stepTaken('s1', SAM, TAKEN)).decisions.find((decision) => decision.nudge.rule === 'REFLECT')!.nudge;
    const due = hoursAfter(TAKEN, 4);
    const taken = [stepTaken('s1', SAM, TAKEN)];
    expect(given.relevanceOf(reflect, due, [...taken, reflectionRecorded('r1', { memberId: SAM_AGAIN, stepId: 's1' }, hoursAfter(TAKEN, 1))])).toEqual({
      relevant: false,
      reason: 'NO_LONGER_RELEVANT',
      detail: 'REFLECTION_ARRIVED',
    });
    expect(given.relevanceOf(reflect, due, [...taken, reflectionRecorded('r1', { memberId: KIM, stepId: 's1' }, hoursAfter(TAKEN, 1))])).toEqual({ relevant: true });
  });

  it('stays with the owner id, suppressed, when its person is not back (MEMBER_LEFT)', () => {
    givenPolicy([...aTeamWithAJourney(), stepPlanned('s1', SAM), memberLeft(SAM, LEFT), teamMemberLeft(SAM, LEFT)])
      .when(stepTaken('s1', SAM, TAKEN))
      .then([
        suppressed('REFLECT', SAM, 's1', hoursAfter(TAKEN, 4), 'MEMBER_LEFT/LEFT_ORGANISATION'),
        owed('STALLED_JOURNEY', LEE, `quiet-since-${TAKEN}`, daysAfter(TAKEN, 14)),
      ]);
  });
});
