/**
 * The nudge rules as the policy decides them: given a team's history, when one event arrives, then
 * these nudges are owed (to whom, about what, due when) or recorded suppressed. Clock: the events'
 * own times, from Monday 2 March 2026 09:00 UTC (London is on GMT, Auckland on NZDT, UTC+13).
 */
import {
  aTeamWithAJourney,
  commitmentMade,
  daysAfter,
  directionSet,
  givenPolicy,
  hoursAfter,
  journeyPaused,
  journeyResumed,
  journeyStarted,
  KIM,
  LEE,
  memberJoined,
  memberLeft,
  NIA,
  notificationPreferencesChanged,
  nudgeSettingsChanged,
  owed,
  reflectionRecorded,
  SAM,
  settingsWith,
  stepPlanned,
  stepTaken,
  supportOffered,
  supportRequested,
  suppressed,
  T0,
  teamCreated,
  teamMemberJoined,
  teamMemberRoleChanged,
  teamSubscribed,
  visionRevised,
} from '../testing';

const team = aTeamWithAJourney();
const TEN = hoursAfter(T0, 1);

describe('reflect: a step was taken and its owner has not reflected on it', () => {
  it('is owed to the step owner 4 hours after the step was taken (and the quiet stretch restarts for the leaders)', () => {
    givenPolicy([...team, stepPlanned('s1')])
      .when(stepTaken('s1', SAM, TEN))
      .then([owed('REFLECT', SAM, 's1', hoursAfter(TEN, 4)), owed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14))]);
  });

  it('counts from when the step was taken, not when it was recorded', () => {
    const takenEarlier = hoursAfter(T0, -3);
    givenPolicy([...team, stepPlanned('s1')])
      .when(stepTaken('s1', SAM, TEN, takenEarlier))
      .then([owed('REFLECT', SAM, 's1', hoursAfter(takenEarlier, 4))]);
  });

  it('is owed from when a step recorded late was recorded, not days before anyone could know (then out of quiet hours)', () => {
    const recorded = daysAfter(TEN, 3);
    givenPolicy([...team, stepPlanned('s1')])
      .when(stepTaken('s1', SAM, recorded, TEN))
      .then([owed('REFLECT', SAM, 's1', recorded), owed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14))]);
    // 10:00 UTC is 23:00 in Auckland: 07:00 there, the morning after it was recorded.
    givenPolicy([...team, memberJoined(KIM, 'Pacific/Auckland', { start: '22:00', end: '07:00' }), stepPlanned('s1', KIM)])
      .when(stepTaken('s1', KIM, recorded, TEN))
      .then([owed('REFLECT', KIM, 's1', '2026-03-05T18:00:00.000Z'), owed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14))]);
  });

  it('is due when the log recorded the step, if that was later still', () => {
    const recorded = daysAfter(TEN, 3);
    givenPolicy([...team, stepPlanned('s1')])
      .when(stepTaken('s1', SAM, TEN), '1000', recorded)
      .then([owed('REFLECT', SAM, 's1', recorded), owed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14))]);
  });

  it('follows the organisation’s delay', () => {
    givenPolicy([...team, nudgeSettingsChanged(settingsWith({ REFLECT: { delayMinutes: 30 }, STALLED_JOURNEY: { enabled: false } })), stepPlanned('s1')])
      .when(stepTaken('s1', SAM, TEN))
      .then([owed('REFLECT', SAM, 's1', hoursAfter(TEN, 0.5)), suppressed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14), 'RULE_DISABLED/RULE_DISABLED')]);
  });
});

describe('next step: the last reflection said closer and no step was planned', () => {
  it('is owed to the whole team 3 days after a closer reflection', () => {
    givenPolicy(team)
      .when(reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN))
      .then([owed('NEXT_STEP', KIM, 'r1', daysAfter(TEN, 3)), owed('NEXT_STEP', LEE, 'r1', daysAfter(TEN, 3)), owed('NEXT_STEP', SAM, 'r1', daysAfter(TEN, 3))]);
  });

  it('is not owed after a reflection that is not closer', () => {
    givenPolicy(team).when(reflectionRecorded('r1', { closer: 'UNSURE', comfort: 3 }, TEN)).then([]);
  });
});

describe('consider a pivot: consecutive NO reflections on a journey, to the leaders', () => {
  it('is owed at the second NO in a row (UNSURE in between neither breaks nor extends the run)', () => {
    givenPolicy([...team, reflectionRecorded('r1', { closer: 'NO', comfort: 3 }), reflectionRecorded('r2', { closer: 'UNSURE', comfort: 3 })])
      .when(reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN))
      .then([owed('CONSIDER_PIVOT', LEE, 'no-run-r1', TEN)]);
  });

  it('is owed once per run: the third NO adds nothing', () => {
    givenPolicy([...team, reflectionRecorded('r1', { closer: 'NO', comfort: 3 }), reflectionRecorded('r2', { closer: 'NO', comfort: 3 })])
      .when(reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN))
      .then([]);
  });

  it('is not owed on a journey with no direction yet: "not closer" then says nothing a pivot could change', () => {
    const undirected = team.filter((event) => event.type !== 'DirectionSet');
    givenPolicy([...undirected, reflectionRecorded('r1', { closer: 'NO', comfort: 3 })])
      .when(reflectionRecorded('r2', { closer: 'NO', comfort: 3 }, TEN))
      .then([]);
  });

  it('counts only the NOs since the first direction was set: earlier ones start no run', () => {
    const undirected = team.filter((event) => event.type !== 'DirectionSet');
    const given = [...undirected, reflectionRecorded('r1', { closer: 'NO', comfort: 3 }), reflectionRecorded('r2', { closer: 'NO', comfort: 3 }), directionSet('Read aloud')];
    givenPolicy([...given, reflectionRecorded('r3', { closer: 'NO', comfort: 3 })])
      .when(reflectionRecorded('r4', { closer: 'NO', comfort: 3 }, TEN))
      .then([owed('CONSIDER_PIVOT', LEE, 'no-run-r3', TEN)]);
    givenPolicy(given).when(reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN)).then([]);
  });

  it('starts counting again after a closer answer', () => {
    givenPolicy([...team, reflectionRecorded('r1', { closer: 'NO', comfort: 3 }), reflectionRecorded('r2', { closer: 'YES', comfort: 3 })])
      .when(reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN))
      .then([]);
  });

  it('follows the organisation’s threshold', () => {
    const given = [...team, nudgeSettingsChanged(settingsWith({ CONSIDER_PIVOT: { threshold: 3 } })), reflectionRecorded('r1', { closer: 'NO', comfort: 3 })];
    givenPolicy([...given, reflectionRecorded('r2', { closer: 'NO', comfort: 3 })])
      .when(reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN))
      .then([owed('CONSIDER_PIVOT', LEE, 'no-run-r1', TEN)]);
    givenPolicy(given).when(reflectionRecorded('r2', { closer: 'NO', comfort: 3 }, TEN)).then([]);
  });

  it('is owed at the next NO of a run already past a threshold the organisation lowered, and once only', () => {
    // Threshold 4; three NOs; the admin lowers it to 2: the run is past it, so the fourth NO owes the nudge.
    const given = [
      ...team,
      nudgeSettingsChanged(settingsWith({ CONSIDER_PIVOT: { threshold: 4 } })),
      reflectionRecorded('r1', { closer: 'NO', comfort: 3 }),
      reflectionRecorded('r2', { closer: 'NO', comfort: 3 }),
      reflectionRecorded('r3', { closer: 'NO', comfort: 3 }),
      nudgeSettingsChanged(settingsWith({ CONSIDER_PIVOT: { threshold: 2 } })),
    ];
    givenPolicy(given).when(reflectionRecorded('r4', { closer: 'NO', comfort: 3 }, TEN)).then([owed('CONSIDER_PIVOT', LEE, 'no-run-r1', TEN)]);
    givenPolicy([...given, reflectionRecorded('r4', { closer: 'NO', comfort: 3 })]).when(reflectionRecorded('r5', { closer: 'NO', comfort: 3 }, TEN)).then([]);
  });

  it('is not owed again in the same run when the organisation raises the threshold after it was owed', () => {
    const given = [...team, reflectionRecorded('r1', { closer: 'NO', comfort: 3 }), reflectionRecorded('r2', { closer: 'NO', comfort: 3 }), nudgeSettingsChanged(settingsWith({ CONSIDER_PIVOT: { threshold: 3 } }))];
    givenPolicy(given).when(reflectionRecorded('r3', { closer: 'NO', comfort: 3 }, TEN)).then([]);
  });
});

describe('support: a member uncomfortable, or a support request still open, to the leaders', () => {
  it('is owed to the leaders at once after a reflection with comfort 2 or less', () => {
    givenPolicy(team)
      .when(reflectionRecorded('r1', { closer: 'YES', comfort: 2 }, TEN))
      .then([
        owed('NEXT_STEP', KIM, 'r1', daysAfter(TEN, 3)),
        owed('NEXT_STEP', LEE, 'r1', daysAfter(TEN, 3)),
        owed('NEXT_STEP', SAM, 'r1', daysAfter(TEN, 3)),
        owed('SUPPORT_LOW_COMFORT', LEE, 'r1', TEN),
      ]);
  });

  it('does not ask a leader to support themselves', () => {
    givenPolicy(team).when(reflectionRecorded('r1', { closer: 'UNSURE', comfort: 1, memberId: LEE }, TEN)).then([]);
  });

  it('reaches every leader of the team, each in their own quiet hours', () => {
    const quietInNewYork = { start: '00:00', end: '08:00' };
    givenPolicy([...team, memberJoined(NIA, 'America/New_York', quietInNewYork), teamMemberJoined(NIA, 'LEADER')])
      .when(supportRequested('q1', SAM, TEN))
      // 10:00 UTC next day is 05:00 in New York (EST): deferred to 08:00 EST, 13:00 UTC.
      .then([owed('SUPPORT_WAITING', LEE, 'q1', daysAfter(TEN, 1)), owed('SUPPORT_WAITING', NIA, 'q1', '2026-03-03T13:00:00.000Z')]);
  });

  it('is owed 24 hours after a support request, unless the organisation says otherwise', () => {
    givenPolicy(team).when(supportRequested('q1', SAM, TEN)).then([owed('SUPPORT_WAITING', LEE, 'q1', daysAfter(TEN, 1))]);
    givenPolicy([...team, nudgeSettingsChanged(settingsWith({ SUPPORT_WAITING: { delayMinutes: 120 } }))])
      .when(supportRequested('q1', SAM, TEN))
      .then([owed('SUPPORT_WAITING', LEE, 'q1', hoursAfter(TEN, 2))]);
  });

  it('follows the organisation’s comfort threshold', () => {
    givenPolicy([...team, nudgeSettingsChanged(settingsWith({ SUPPORT_LOW_COMFORT: { threshold: 1 } }))])
      .when(reflectionRecorded('r1', { closer: 'UNSURE', comfort: 2 }, TEN))
      .then([]);
  });
});

describe('a new leader takes over what the team’s leaders are still owed', () => {
  const later = daysAfter(TEN, 3);

  it('a member made LEADER is owed each support request still open and the journey’s quiet stretch, at their due times or at once', () => {
    givenPolicy([...team, supportRequested('q1', SAM, TEN)])
      .when(teamMemberRoleChanged(KIM, 'STAFF', 'LEADER', later))
      // The request was due a day after it was made, long before: owed now. The quiet stretch began at the start: due 14 days on.
      .then([owed('SUPPORT_WAITING', KIM, 'q1', later), owed('STALLED_JOURNEY', KIM, `quiet-since-${T0}`, daysAfter(T0, 14))]);
  });

  it('so is a member who joins the team as a LEADER; a request still within its delay keeps its due time', () => {
    givenPolicy([...team, memberJoined(NIA), supportRequested('q1', SAM, TEN)])
      .when(teamMemberJoined(NIA, 'LEADER', undefined, hoursAfter(TEN, 2)))
      .then([owed('SUPPORT_WAITING', NIA, 'q1', daysAfter(TEN, 1)), owed('STALLED_JOURNEY', NIA, `quiet-since-${T0}`, daysAfter(T0, 14))]);
  });

  it('owes nothing about a request already answered, their own request, a paused journey’s quiet, or a change that makes nobody a new leader', () => {
    givenPolicy([...team, supportRequested('q1', SAM, TEN), supportOffered('q1', SAM, hoursAfter(TEN, 1))])
      .when(teamMemberRoleChanged(KIM, 'STAFF', 'LEADER', later))
      .then([owed('STALLED_JOURNEY', KIM, `quiet-since-${T0}`, daysAfter(T0, 14))]);
    givenPolicy([...team, supportRequested('q1', KIM, TEN)])
      .when(teamMemberRoleChanged(KIM, 'STAFF', 'LEADER', later))
      .then([owed('STALLED_JOURNEY', KIM, `quiet-since-${T0}`, daysAfter(T0, 14))]);
    // A paused journey has no quiet stretch to take over; a request on it still waits.
    givenPolicy([...team, supportRequested('q1', SAM, TEN), journeyPaused(hoursAfter(TEN, 1))])
      .when(teamMemberRoleChanged(KIM, 'STAFF', 'LEADER', later))
      .then([owed('SUPPORT_WAITING', KIM, 'q1', later)]);
    givenPolicy([...team, supportRequested('q1', SAM, TEN)]).when(teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', later)).then([]);
    givenPolicy([...team, memberJoined(NIA), supportRequested('q1', SAM, TEN)]).when(teamMemberJoined(NIA, 'STAFF', undefined, later)).then([]);
  });
});

describe('stalled journey: no step taken for a while, to the leaders', () => {
  it('is owed 14 days after the journey started', () => {
    givenPolicy([memberJoined(LEE), memberJoined(SAM), teamCreated(), teamSubscribed(), teamMemberJoined(LEE, 'LEADER'), teamMemberJoined(SAM, 'STAFF')])
      .when(journeyStarted(TEN))
      .then([owed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14))]);
  });

  it('restarts when the journey resumes', () => {
    const resumedAt = daysAfter(T0, 3);
    givenPolicy(team)
      .when(journeyResumed(resumedAt))
      .then([owed('STALLED_JOURNEY', LEE, `quiet-since-${resumedAt}`, daysAfter(resumedAt, 14))]);
  });
});

describe('vision revised: read it, then reflect, to the team', () => {
  it('is owed to everyone on the team but the leader who revised it', () => {
    givenPolicy(team).when(visionRevised(2, TEN)).then([owed('VISION_REVISED', KIM, 'vision-2', TEN), owed('VISION_REVISED', SAM, 'vision-2', TEN)]);
  });
});

describe('commitments: due tomorrow, and overdue, in the member’s timezone', () => {
  it('reminds at 09:00 the day before, and nudges at 09:00 the day after dueOn, where the member is', () => {
    givenPolicy(team)
      .when(commitmentMade('c1', '2026-03-05', SAM, TEN))
      .then([owed('COMMITMENT_DUE', SAM, 'c1', '2026-03-04T09:00:00.000Z'), owed('COMMITMENT_OVERDUE', SAM, 'c1', '2026-03-06T09:00:00.000Z')]);
  });

  it('reads the days in Auckland for a member in Auckland', () => {
    givenPolicy(team)
      .when(commitmentMade('c1', '2026-03-05', KIM, TEN))
      .then([owed('COMMITMENT_DUE', KIM, 'c1', '2026-03-03T20:00:00.000Z'), owed('COMMITMENT_OVERDUE', KIM, 'c1', '2026-03-05T20:00:00.000Z')]);
  });

  it('reminds at once when made on the day before after the reminder time', () => {
    const noon = hoursAfter(T0, 3);
    givenPolicy(team)
      .when(commitmentMade('c1', '2026-03-03', SAM, noon))
      .then([owed('COMMITMENT_DUE', SAM, 'c1', noon), owed('COMMITMENT_OVERDUE', SAM, 'c1', '2026-03-04T09:00:00.000Z')]);
  });

  it('owes the overdue nudge from when the commitment was made, when its day had already ended where the member is', () => {
    // 11:30 UTC on 2 March is 00:30 on 3 March in Auckland: a commitment due 1 March (still today at UTC-12) is overdue
    // for Kim from 09:00 on 2 March there (20:00 UTC on 1 March), before it was made.
    const made = '2026-03-02T11:30:00.000Z';
    givenPolicy(team)
      .when(commitmentMade('c1', '2026-03-01', KIM, made))
      .then([owed('COMMITMENT_OVERDUE', KIM, 'c1', made)]);
  });

  it('has no "due tomorrow" for a commitment due today', () => {
    // 12:00 UTC on 2 March is 01:00 on 3 March in Auckland: for Kim, a commitment due 3 March is due today.
    givenPolicy(team)
      .when(commitmentMade('c1', '2026-03-03', KIM, hoursAfter(T0, 3)))
      .then([owed('COMMITMENT_OVERDUE', KIM, 'c1', '2026-03-03T20:00:00.000Z')]);
  });
});

describe('rules switched off or opted out of: recorded as suppressed, never silently dropped', () => {
  it('records a rule the organisation disabled as suppressed for each recipient', () => {
    givenPolicy([...team, nudgeSettingsChanged(settingsWith({ NEXT_STEP: { enabled: false } }))])
      .when(reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN))
      .then([
        suppressed('NEXT_STEP', KIM, 'r1', daysAfter(TEN, 3), 'RULE_DISABLED/RULE_DISABLED'),
        suppressed('NEXT_STEP', LEE, 'r1', daysAfter(TEN, 3), 'RULE_DISABLED/RULE_DISABLED'),
        suppressed('NEXT_STEP', SAM, 'r1', daysAfter(TEN, 3), 'RULE_DISABLED/RULE_DISABLED'),
      ]);
  });

  it('records a member’s opt-out for that member only', () => {
    givenPolicy([...team, notificationPreferencesChanged(KIM, ['NEXT_STEP'])])
      .when(reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN))
      .then([
        suppressed('NEXT_STEP', KIM, 'r1', daysAfter(TEN, 3), 'OPTED_OUT/OPTED_OUT'),
        owed('NEXT_STEP', LEE, 'r1', daysAfter(TEN, 3)),
        owed('NEXT_STEP', SAM, 'r1', daysAfter(TEN, 3)),
      ]);
  });
});

describe('members who left', () => {
  it('are not addressed by a team’s nudges', () => {
    givenPolicy([...team, memberLeft(KIM)])
      .when(reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN))
      .then([owed('NEXT_STEP', LEE, 'r1', daysAfter(TEN, 3)), owed('NEXT_STEP', SAM, 'r1', daysAfter(TEN, 3))]);
  });

  it('are recorded suppressed when a nudge names them directly', () => {
    givenPolicy([...team, stepPlanned('s1'), memberLeft(SAM)])
      .when(stepTaken('s1', SAM, TEN))
      .then([
        suppressed('REFLECT', SAM, 's1', hoursAfter(TEN, 4), 'MEMBER_LEFT/LEFT_ORGANISATION'),
        owed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14)),
      ]);
  });
});
