/**
 * Someone removed from the organisation and added again has a new member id and is the same person
 * (their sign-in subject). Their steps keep the owner id they were planned under; the journey's
 * rules let them take and reflect on those steps under the new id, and the policy follows: the
 * "reflect on your step" nudge reaches them where they are now, and their reflection under the new
 * id settles it; a leaders' support nudge about what they asked or answered under the old id is
 * still owed while they are on the team again. Clock: the events' own times, from Monday 2 March
 * 2026 09:00 UTC.
 */
import {
  aTeamWithAJourney,
  daysAfter,
  givenPolicy,
  hoursAfter,
  KIM,
  LEE,
  memberAddedAgain,
  memberJoined,
  memberLeft,
  owed,
  reflectionRecorded,
  SAM,
  stepPlanned,
  stepTaken,
  supportRequested,
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

describe('leaders’ support nudges, about someone removed and added again before they come due', () => {
  const ASKED = hoursAfter(T0, 1);
  const BACK = hoursAfter(T0, 2);
  const given = givenPolicy(aTeamWithAJourney());
  const owedToLee = (event: Parameters<typeof given.when>[0], rule: string) =>
    given.when(event).decisions.find((decision) => decision.nudge.rule === rule && decision.nudge.recipientId === LEE)!.nudge;
  const waiting = owedToLee(supportRequested('q1', SAM, ASKED), 'SUPPORT_WAITING');
  const lowComfort = owedToLee(reflectionRecorded('r1', { memberId: SAM, closer: 'NO', comfort: 1 }, ASKED), 'SUPPORT_LOW_COMFORT');
  const asked = [supportRequested('q1', SAM, ASKED), reflectionRecorded('r1', { memberId: SAM, closer: 'NO', comfort: 1 }, ASKED)];
  const removed = [memberLeft(SAM, BACK), teamMemberLeft(SAM, BACK)];
  const subjectLeft = { relevant: false, reason: 'NO_LONGER_RELEVANT', detail: 'SUBJECT_MEMBER_LEFT' };

  it('are still owed while their person is on the team again, under a new member id', () => {
    const since = [...asked, ...removed, memberAddedAgain(SAM, SAM_AGAIN, BACK), teamMemberJoined(SAM_AGAIN, 'STAFF', undefined, BACK)];
    expect(given.relevanceOf(waiting, daysAfter(ASKED, 1), since)).toEqual({ relevant: true });
    expect(given.relevanceOf(lowComfort, daysAfter(ASKED, 1), since)).toEqual({ relevant: true });
  });

  it('are suppressed (SUBJECT_MEMBER_LEFT) while their person is back in the organisation but not on the team, or not back at all', () => {
    const notOnTheTeam = [...asked, ...removed, memberAddedAgain(SAM, SAM_AGAIN, BACK)];
    expect(given.relevanceOf(waiting, daysAfter(ASKED, 1), notOnTheTeam)).toEqual(subjectLeft);
    expect(given.relevanceOf(lowComfort, daysAfter(ASKED, 1), notOnTheTeam)).toEqual(subjectLeft);
    expect(given.relevanceOf(waiting, daysAfter(ASKED, 1), [...asked, ...removed])).toEqual(subjectLeft);
  });

  it('are suppressed (SUBJECT_MEMBER_LEFT) when someone else joins the team, whoever they are', () => {
    const someoneElse = [...asked, ...removed, memberJoined('mem-sam-3', 'Europe/London', null, BACK, 'Sam'), teamMemberJoined('mem-sam-3', 'STAFF', undefined, BACK)];
    expect(given.relevanceOf(waiting, daysAfter(ASKED, 1), someoneElse)).toEqual(subjectLeft);
    expect(given.relevanceOf(lowComfort, daysAfter(ASKED, 1), someoneElse)).toEqual(subjectLeft);
  });
});
