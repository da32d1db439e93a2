/**
 * A team whose subscription lapsed (PAST_DUE, CANCELLED, or never subscribed) is read-only: the api
 * refuses its journeys' writes, so the policy owes its members and leaders nothing that asks for
 * one. Given a team's history, when its subscription changes, then no nudge is owed while it is
 * not writable, one already owed is suppressed when it comes due, and the rules resume from the
 * moment it is writable again (no back-dated nudges).
 */
import type { NudgeRule } from '../nudge-rules';
import type { OwedNudge } from '../owed-nudge';
import {
  aTeamWithAJourney,
  daysAfter,
  givenPolicy,
  hoursAfter,
  journeyStarted,
  KIM,
  LEE,
  memberJoined,
  ORG,
  owed,
  reflectionRecorded,
  SAM,
  stateAfter,
  stepPlanned,
  stepTaken,
  subscriptionCancelled,
  subscriptionChanged,
  suppressed,
  T0,
  teamCreated,
  teamMemberJoined,
  teamSubscribed,
} from '../testing';
import { reactToEvent } from './policy.decide';
import { RELEVANT, suppressedBecause } from './policy.decision';
import { documentKeyName, requiredDocuments, rostersRequired } from './policy.documents';
import type { PolicyEvent } from './policy.events';
import { documentsOf, stateFromDocuments, type TeamDocument } from './policy.state';

const team = aTeamWithAJourney();
const TEN = hoursAfter(T0, 1);
const ELEVEN = hoursAfter(T0, 2);
const NOON = hoursAfter(T0, 3);
/** Monday 9 March 2026, 09:00 in London (GMT): Lee's digest is due. */
const MONDAY = '2026-03-09T09:00:00.000Z';

/** The nudge `event` makes owed to `to` under `rule`, after `history`. */
const nudgeOwed = (history: readonly PolicyEvent[], event: PolicyEvent, rule: NudgeRule, to: string): { nudge: OwedNudge; history: PolicyEvent[] } => {
  const decision = givenPolicy(history)
    .when(event)
    .decisions.find((found) => found.nudge.rule === rule && found.nudge.recipientId === to);
  if (decision?.kind !== 'OWED') throw new Error(`no ${rule} owed to ${to}`);
  return { nudge: decision.nudge, history: [...history, event] };
};

describe('while a team is not writable, nothing is owed for its journeys', () => {
  it('owes no reflection (and no stalled check) for a step recorded after the subscription was cancelled: recorded suppressed', () => {
    givenPolicy([...team, stepPlanned('s1'), subscriptionCancelled(TEN)])
      .when(stepTaken('s1', SAM, ELEVEN))
      .then([
        suppressed('REFLECT', SAM, 's1', hoursAfter(ELEVEN, 4), 'SUBSCRIPTION_INACTIVE/SUBSCRIPTION_CANCELLED'),
        suppressed('STALLED_JOURNEY', LEE, `quiet-since-${ELEVEN}`, daysAfter(ELEVEN, 14), 'SUBSCRIPTION_INACTIVE/SUBSCRIPTION_CANCELLED'),
      ]);
  });

  it('owes no "next step" to the team of a past-due subscription', () => {
    givenPolicy([...team, subscriptionChanged('ACTIVE', 'PAST_DUE', TEN)])
      .when(reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, ELEVEN))
      .then([
        suppressed('NEXT_STEP', KIM, 'r1', daysAfter(ELEVEN, 3), 'SUBSCRIPTION_INACTIVE/SUBSCRIPTION_PAST_DUE'),
        suppressed('NEXT_STEP', LEE, 'r1', daysAfter(ELEVEN, 3), 'SUBSCRIPTION_INACTIVE/SUBSCRIPTION_PAST_DUE'),
        suppressed('NEXT_STEP', SAM, 'r1', daysAfter(ELEVEN, 3), 'SUBSCRIPTION_INACTIVE/SUBSCRIPTION_PAST_DUE'),
      ]);
  });

  it('treats a team never subscribed as read-only, as the tenancy domain does', () => {
    givenPolicy([memberJoined(LEE), teamCreated(), teamMemberJoined(LEE, 'LEADER')])
      .when(journeyStarted(TEN))
      .then([suppressed('STALLED_JOURNEY', LEE, `quiet-since-${TEN}`, daysAfter(TEN, 14), 'SUBSCRIPTION_INACTIVE/TEAM_NOT_SUBSCRIBED')]);
  });

  it('treats a team stored before subscriptions were recorded as writable', () => {
    const before = documentsOf(stateAfter([...team, stepPlanned('s1')])).map(({ key, document }) => {
      if (key.kind !== 'team') return { key, document };
      const { subscriptionStatus: _unrecorded, ...stored } = document as TeamDocument;
      return { key, document: stored };
    });
    const { decisions } = reactToEvent(stateFromDocuments(before), { event: stepTaken('s1', SAM, TEN), organisationId: ORG, position: '100', recordedAt: TEN });
    expect(decisions.map((decision) => [decision.kind, decision.nudge.rule])).toEqual([
      ['OWED', 'REFLECT'],
      ['OWED', 'STALLED_JOURNEY'],
    ]);
  });
});

describe('a nudge owed before the subscription lapsed', () => {
  const reflect = nudgeOwed([...team, stepPlanned('s1')], stepTaken('s1', SAM, TEN), 'REFLECT', SAM);
  const dueAt = reflect.nudge.dueAt;
  const relevance = (since: readonly PolicyEvent[]) => givenPolicy(reflect.history).relevanceOf(reflect.nudge, dueAt, since);

  it('is suppressed when it comes due while the team is cancelled or past due', () => {
    expect(relevance([subscriptionCancelled(ELEVEN)])).toEqual(suppressedBecause('SUBSCRIPTION_INACTIVE', 'SUBSCRIPTION_CANCELLED'));
    expect(relevance([subscriptionChanged('ACTIVE', 'PAST_DUE', ELEVEN)])).toEqual(suppressedBecause('SUBSCRIPTION_INACTIVE', 'SUBSCRIPTION_PAST_DUE'));
  });

  it('is still owed when the team is writable again by the time it comes due', () => {
    expect(relevance([subscriptionChanged('ACTIVE', 'PAST_DUE', ELEVEN), subscriptionChanged('PAST_DUE', 'ACTIVE', NOON)])).toEqual(RELEVANT);
    expect(relevance([subscriptionCancelled(ELEVEN), teamSubscribed(undefined, NOON, 'TRIALING')])).toEqual(RELEVANT);
    expect(relevance([subscriptionChanged('ACTIVE', 'TRIALING', ELEVEN)])).toEqual(RELEVANT);
  });

  it('is suppressed for its leader too (a support nudge)', () => {
    const support = nudgeOwed(team, reflectionRecorded('r1', { closer: 'UNSURE', comfort: 1 }, TEN), 'SUPPORT_LOW_COMFORT', LEE);
    expect(givenPolicy(support.history).relevanceOf(support.nudge, ELEVEN, [subscriptionCancelled(ELEVEN)])).toEqual(
      suppressedBecause('SUBSCRIPTION_INACTIVE', 'SUBSCRIPTION_CANCELLED'),
    );
  });
});

describe('when the team is writable again', () => {
  const lapsed = [...team, stepPlanned('s1'), subscriptionChanged('ACTIVE', 'PAST_DUE', TEN)];
  const back = daysAfter(T0, 20);

  it('starts a new quiet stretch for its active journeys: the stalled check counts from then, not from before the lapse', () => {
    givenPolicy(lapsed)
      .when(subscriptionChanged('PAST_DUE', 'ACTIVE', back))
      .then([owed('STALLED_JOURNEY', LEE, `quiet-since-${back}`, daysAfter(back, 14))]);
    givenPolicy([...team, subscriptionCancelled(TEN)])
      .when(teamSubscribed(undefined, back))
      .then([owed('STALLED_JOURNEY', LEE, `quiet-since-${back}`, daysAfter(back, 14))]);
  });

  it('leaves the stalled check owed before the lapse suppressed (the quiet stretch it was about is over)', () => {
    const stalled = nudgeOwed(team, stepTaken('s0', SAM, T0), 'STALLED_JOURNEY', LEE);
    expect(givenPolicy(stalled.history).relevanceOf(stalled.nudge, daysAfter(T0, 21), [subscriptionChanged('ACTIVE', 'PAST_DUE', TEN), subscriptionChanged('PAST_DUE', 'ACTIVE', back)])).toEqual(
      suppressedBecause('NO_LONGER_RELEVANT', 'STEP_TAKEN'),
    );
  });

  it('owes the rules’ nudges again from then on', () => {
    givenPolicy([...lapsed, subscriptionChanged('PAST_DUE', 'ACTIVE', back)])
      .when(stepTaken('s1', SAM, hoursAfter(back, 1)))
      .then([owed('REFLECT', SAM, 's1', hoursAfter(back, 5)), owed('STALLED_JOURNEY', LEE, `quiet-since-${hoursAfter(back, 1)}`, daysAfter(hoursAfter(back, 1), 14))]);
  });

  it('owes nothing for a change that leaves the team as writable as it was', () => {
    givenPolicy(team).when(subscriptionChanged('TRIALING', 'ACTIVE', TEN)).then([]);
    givenPolicy(lapsed).when(subscriptionCancelled(ELEVEN)).then([]);
  });
});

describe('the weekly digest', () => {
  const twoTeams: PolicyEvent[] = [
    ...team,
    reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, TEN),
    teamCreated('team-2'),
    teamSubscribed('team-2'),
    teamMemberJoined(LEE, 'LEADER', 'team-2'),
    journeyStarted(TEN, 'jny-2', 'Maths talk', 'team-2'),
  ];

  it('leaves out a lapsed team’s journeys: a leader of two teams gets the other’s figures', () => {
    const ticked = givenPolicy([...twoTeams, subscriptionCancelled(daysAfter(T0, 2), 'team-2')]).whenTicked(MONDAY);
    ticked.then([owed('WEEKLY_DIGEST', LEE, 'week-2026-03-09', MONDAY)]);
    expect(ticked.decisions[0].nudge.facts).toMatchObject({ teamIds: JSON.stringify(['team-1']), journeys: 1, yes: 1 });
    expect(String(ticked.decisions[0].nudge.facts.lines)).not.toContain('Maths talk');
  });

  it('is not owed when every team it would report on lapsed', () => {
    givenPolicy([...twoTeams, subscriptionCancelled(daysAfter(T0, 2)), subscriptionChanged('ACTIVE', 'PAST_DUE', daysAfter(T0, 2), 'team-2')])
      .whenTicked(MONDAY)
      .then([]);
  });

  it('leaves out a team writable again only after the digest’s Monday 09:00, until the next Monday', () => {
    const reactivated = [...twoTeams, subscriptionChanged('ACTIVE', 'PAST_DUE', daysAfter(T0, 2), 'team-2'), subscriptionChanged('PAST_DUE', 'ACTIVE', hoursAfter(MONDAY, 2), 'team-2')];
    const thisWeek = givenPolicy(reactivated).whenTicked(hoursAfter(MONDAY, 3));
    expect(thisWeek.decisions[0].nudge.facts.teamIds).toBe(JSON.stringify(['team-1']));
    const nextWeek = givenPolicy(reactivated).whenTicked(daysAfter(MONDAY, 7));
    expect(nextWeek.decisions[0].nudge.facts.teamIds).toBe(JSON.stringify(['team-1', 'team-2']));
  });

  it('is suppressed when a team it reports on lapsed before it was delivered', () => {
    const given = givenPolicy(twoTeams);
    const digest = given.whenTicked(MONDAY).decisions[0].nudge;
    expect(given.relevanceOf(digest, hoursAfter(MONDAY, 1), [subscriptionCancelled(hoursAfter(MONDAY, 0.5), 'team-2')])).toEqual(
      suppressedBecause('SUBSCRIPTION_INACTIVE', 'SUBSCRIPTION_CANCELLED'),
    );
  });
});

describe('the documents a subscription event needs', () => {
  const state = stateAfter(team);

  it('are the team’s alone, unless it makes the team writable: then its journeys, the settings and its roster’s members too', () => {
    expect(requiredDocuments(subscriptionCancelled(TEN), state).map(documentKeyName)).toEqual(['team/team-1']);
    expect(rostersRequired(subscriptionCancelled(TEN))).toEqual([]);
    expect(requiredDocuments(subscriptionChanged('PAST_DUE', 'ACTIVE', TEN), state).map(documentKeyName)).toEqual([
      'team/team-1',
      'settings/organisation',
      'journey/jny-1',
      `member/${KIM}`,
      `member/${LEE}`,
      `member/${SAM}`,
    ]);
    expect(rostersRequired(teamSubscribed(undefined, TEN))).toEqual(['team-1']);
  });
});
