/**
 * Determinism and duplicates: a replay of the same history decides the very same nudges (ids,
 * times, facts), ids derive from the dedupe key alone, and the same rule, recipient and subject
 * always give the same key, so the outbox keeps one.
 */
import {
  aTeamWithAJourney,
  commitmentMade,
  hoursAfter,
  ORG,
  recordedAtOf,
  reflectionRecorded,
  SAM,
  stepPlanned,
  stepTaken,
  subscriptionCancelled,
  subscriptionChanged,
  supportRequested,
  T0,
  teamSubscribed,
  visionRevised,
  givenPolicy,
} from '../testing';
import { dedupeKeyOf, nudgeIdOf } from './nudge.identity';
import { policyEventTypes, type PolicyEvent } from './policy.events';
import { reactToEvent } from './policy.decide';
import type { PolicyDecision } from './policy.decision';
import { emptyPolicyState, stateFromDocuments, documentsOf } from './policy.state';

const history: PolicyEvent[] = [
  ...aTeamWithAJourney(),
  stepPlanned('s1'),
  stepTaken('s1', SAM, hoursAfter(T0, 1)),
  reflectionRecorded('r1', { closer: 'NO', comfort: 2, stepId: 's1' }, hoursAfter(T0, 2)),
  reflectionRecorded('r2', { closer: 'NO', comfort: 1 }, hoursAfter(T0, 3)),
  supportRequested('q1', SAM, hoursAfter(T0, 4)),
  visionRevised(2, hoursAfter(T0, 5)),
  commitmentMade('c1', '2026-03-09', SAM, hoursAfter(T0, 6)),
  reflectionRecorded('r3', { closer: 'YES', comfort: 4, visionVersion: 2 }, hoursAfter(T0, 7)),
  // A lapse and two returns: what is suppressed meanwhile, and the quiet stretches restarted, replay the same.
  subscriptionChanged('ACTIVE', 'PAST_DUE', hoursAfter(T0, 8)),
  reflectionRecorded('r4', { closer: 'YES', comfort: 1, visionVersion: 2 }, hoursAfter(T0, 9)),
  subscriptionChanged('PAST_DUE', 'ACTIVE', hoursAfter(T0, 10)),
  subscriptionCancelled(hoursAfter(T0, 11)),
  teamSubscribed(undefined, hoursAfter(T0, 12)),
];

/** Runs the history through the policy as the processor does, optionally storing and reloading the documents as JSON between events. */
const run = (events: readonly PolicyEvent[], throughJson: boolean): PolicyDecision[] => {
  let state = emptyPolicyState();
  const decisions: PolicyDecision[] = [];
  events.forEach((event, index) => {
    const reacted = reactToEvent(state, { event, organisationId: ORG, position: String(index + 1), recordedAt: recordedAtOf(event) });
    decisions.push(...reacted.decisions);
    state = throughJson ? stateFromDocuments(documentsOf(reacted.state).map((entry) => JSON.parse(JSON.stringify(entry)))) : reacted.state;
  });
  return decisions;
};

describe('a replay', () => {
  it('decides the same nudges, with the same ids, times and facts', () => {
    const first = run(history, false);
    expect(first.length).toBeGreaterThan(8);
    expect(first.some((decision) => decision.kind === 'SUPPRESSED' && decision.reason === 'SUBSCRIPTION_INACTIVE')).toBe(true);
    expect(run(history, false)).toEqual(first);
  });

  it('decides the same whether the documents stay in memory or go through storage (JSON) between events', () => {
    expect(run(history, true)).toEqual(run(history, false));
  });

  // The processor asks the log only for policyEventTypes: an event the policy folds but does not ask
  // for never reaches it (DirectionSet once, which left every journey owing no pivot nudge).
  it('decides the same from only the event types its processor reads', () => {
    const read = history.filter((event) => policyEventTypes.includes(event.type));
    const decided = (events: readonly PolicyEvent[]) => run(events, false).map(({ kind, nudge }) => `${kind} ${nudge.nudgeId} ${nudge.dueAt}`);
    expect(run(history, false).map((decision) => decision.nudge.rule)).toContain('CONSIDER_PIVOT');
    expect(decided(read)).toEqual(decided(history));
  });

  it('of one event twice gives the same dedupe keys, so the outbox keeps one of each', () => {
    const given = givenPolicy([...aTeamWithAJourney(), stepPlanned('s1')]);
    const once = given.when(stepTaken('s1', SAM, hoursAfter(T0, 1)), '10').decisions;
    const twice = givenPolicy([...aTeamWithAJourney(), stepPlanned('s1'), stepTaken('s1', SAM, hoursAfter(T0, 1))]).when(stepTaken('s1', SAM, hoursAfter(T0, 1)), '11').decisions;
    expect(twice.map((decision) => decision.nudge.dedupeKey)).toEqual(once.map((decision) => decision.nudge.dedupeKey));
    expect(twice.map((decision) => decision.nudge.nudgeId)).toEqual(once.map((decision) => decision.nudge.nudgeId));
  });
});

describe('nudge ids', () => {
  it('are UUID-shaped (version 8), derived from the organisation and the dedupe key', () => {
    const key = dedupeKeyOf('REFLECT', SAM, { journeyId: 'j1', teamId: 't1', subjectId: 's1' });
    expect(nudgeIdOf(ORG, key)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nudgeIdOf(ORG, key)).toBe(nudgeIdOf(ORG, key));
    expect(nudgeIdOf('org-2', key)).not.toBe(nudgeIdOf(ORG, key));
  });

  it('differ by rule, recipient, journey and subject, and ids holding the separator cannot collide', () => {
    const keys = [
      dedupeKeyOf('REFLECT', SAM, { journeyId: 'j1', teamId: null, subjectId: 's1' }),
      dedupeKeyOf('NEXT_STEP', SAM, { journeyId: 'j1', teamId: null, subjectId: 's1' }),
      dedupeKeyOf('REFLECT', 'mem-other', { journeyId: 'j1', teamId: null, subjectId: 's1' }),
      dedupeKeyOf('REFLECT', SAM, { journeyId: 'j2', teamId: null, subjectId: 's1' }),
      dedupeKeyOf('REFLECT', SAM, { journeyId: 'j1', teamId: null, subjectId: 's2' }),
      dedupeKeyOf('REFLECT', SAM, { journeyId: 'j1|s1', teamId: null, subjectId: '' }),
      dedupeKeyOf('REFLECT', SAM, { journeyId: null, teamId: null, subjectId: 'j1|s1' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
