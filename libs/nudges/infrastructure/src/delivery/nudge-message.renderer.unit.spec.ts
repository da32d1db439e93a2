import { NUDGE_RULES, type NudgeRule, type OwedNudge, type PolicyDecision } from '@stepwise/nudges-domain';
import {
  aTeamWithAJourney,
  commitmentMade,
  givenPolicy,
  hoursAfter,
  nudgeSettingsChanged,
  reflectionRecorded,
  SAM,
  settingsWith,
  stepPlanned,
  stepTaken,
  supportRequested,
  T0,
} from '@stepwise/nudges-domain/testing';
import { renderNudgeMessage } from './nudge-message.renderer';

const nudge = (rule: OwedNudge['rule'], facts: OwedNudge['facts'] = {}): OwedNudge => ({
  nudgeId: 'n-1',
  organisationId: 'org-1',
  rule,
  recipientId: 'm-1',
  subject: { journeyId: 'j-1', teamId: 't-1', subjectId: 's-1' },
  dedupeKey: 'k',
  dueAt: '2026-03-02T09:00:00.000Z',
  facts,
  causedByPosition: '1',
});

describe('the nudge message', () => {
  it.each(NUDGE_RULES)('%s has a title and a text, with or without facts', (rule) => {
    for (const message of [renderNudgeMessage(nudge(rule)), renderNudgeMessage(nudge(rule, { journeyTitle: 'Weekly planning', stepTitle: 'Run the pilot' }))]) {
      expect(message.title).not.toBe('');
      // The lines as one paragraph: each reads as a sentence (a digest's figures get their full stop).
      expect(message.text).toBe(message.lines.map((line) => (/[.?!…][”’")]*$/.test(line) ? line : `${line}.`)).join(' '));
      expect(message.text).not.toMatch(/[a-z0-9] [A-Z]/);
      expect(message.text).not.toMatch(/undefined|null/);
      expect(message).toMatchObject({ nudgeId: 'n-1', organisationId: 'org-1', rule, recipientId: 'm-1' });
    }
  });

  it('asks the essay’s question after a step, naming it', () => {
    expect(renderNudgeMessage(nudge('REFLECT', { stepTitle: 'Run the pilot' })).text).toBe(
      'You took “Run the pilot”. Are we closer to where we want to be? And, separately, how comfortable does it feel?',
    );
  });

  it('counts the “not closer” reflections behind a pivot', () => {
    expect(renderNudgeMessage(nudge('CONSIDER_PIVOT', { consecutiveNo: 3, journeyTitle: 'Weekly planning' })).lines[0]).toBe(
      '3 reflections in a row on “Weekly planning” said “not closer”.',
    );
  });

  it('never repeats a comfort score or a note', () => {
    const message = renderNudgeMessage(nudge('SUPPORT_LOW_COMFORT', { memberName: 'Ada', comfort: 1, note: 'I feel lost', journeyTitle: 'Weekly planning' }));
    expect(message.text).toBe('Ada is finding “Weekly planning” uncomfortable. Change feels vulnerable; a word from you helps them keep going.');
    expect(message.text).not.toMatch(/1|lost/);
  });
});

/** The nudge of `rule` among a policy's decisions: rendered from the facts the policy itself records. */
const decided = (decisions: readonly PolicyDecision[], rule: NudgeRule): OwedNudge => {
  const found = decisions.find((decision) => decision.nudge.rule === rule);
  if (!found) throw new Error(`no ${rule} nudge was decided`);
  return found.nudge;
};

describe('the nudge message from what the policy decided', () => {
  it('gives a leader’s weekly digest each journey’s closer rate, comfort, steps taken and open support', () => {
    const week = [
      ...aTeamWithAJourney(),
      stepPlanned('s1'),
      stepTaken('s1', SAM, hoursAfter(T0, 1)),
      reflectionRecorded('r1', { closer: 'YES', comfort: 4, stepId: 's1' }, hoursAfter(T0, 2)),
      supportRequested('q1', SAM, hoursAfter(T0, 3)),
    ];
    const digest = decided(givenPolicy(week).whenTicked('2026-03-09T09:00:00.000Z').decisions, 'WEEKLY_DIGEST');
    expect(renderNudgeMessage(digest).lines).toEqual([
      '1 journey under way',
      'Reading at home: closer 1/1 (100%), comfort 4, 1 step taken, 1 open support request',
      'Are we closer to where we want to be?',
    ]);
  });

  it('says how long a stalled journey has gone without a step', () => {
    const stalled = decided(givenPolicy(aTeamWithAJourney()).when(stepTaken('s1', SAM, hoursAfter(T0, 1))).decisions, 'STALLED_JOURNEY');
    expect(renderNudgeMessage(stalled).lines[0]).toBe('No step has been taken on “Reading at home” for 14 days.');
    const oneDay = { ...stalled, facts: { ...stalled.facts, daysWithoutStep: 1 } };
    expect(renderNudgeMessage(oneDay).lines[0]).toBe('No step has been taken on “Reading at home” for 1 day.');
  });

  it('tells a leader who is finding the change uncomfortable, by name, and never their comfort score', () => {
    const lowComfort = decided(givenPolicy(aTeamWithAJourney()).when(reflectionRecorded('r1', { closer: 'NO', comfort: 1 }, hoursAfter(T0, 1))).decisions, 'SUPPORT_LOW_COMFORT');
    expect(renderNudgeMessage(lowComfort).text).toBe('Sam is finding “Reading at home” uncomfortable. Change feels vulnerable; a word from you helps them keep going.');
  });

  it('says only "not fully comfortable" of a comfort of 3 or 4, which the analytics count as comfortable, when the threshold reaches it', () => {
    const policy = givenPolicy([...aTeamWithAJourney(), nudgeSettingsChanged(settingsWith({ SUPPORT_LOW_COMFORT: { threshold: 4 } }))]);
    const four = decided(policy.when(reflectionRecorded('r1', { closer: 'YES', comfort: 4 }, hoursAfter(T0, 1))).decisions, 'SUPPORT_LOW_COMFORT');
    expect(renderNudgeMessage(four).text).toBe('Sam is not fully comfortable with “Reading at home” yet. Change feels vulnerable; a word from you helps them keep going.');
    const three = renderNudgeMessage(nudge('SUPPORT_LOW_COMFORT', { memberName: 'Ada', comfort: 3, journeyTitle: 'Weekly planning' }));
    expect(three.lines[0]).toBe('Ada is not fully comfortable with “Weekly planning” yet.');
    const two = renderNudgeMessage(nudge('SUPPORT_LOW_COMFORT', { memberName: 'Ada', comfort: 2, journeyTitle: 'Weekly planning' }));
    expect(two.lines[0]).toBe('Ada is finding “Weekly planning” uncomfortable.');
  });

  it('tells a leader who is still waiting for support, by name', () => {
    const waiting = decided(givenPolicy(aTeamWithAJourney()).when(supportRequested('q1', SAM, hoursAfter(T0, 1))).decisions, 'SUPPORT_WAITING');
    expect(renderNudgeMessage(waiting).text).toBe('Sam asked for support on “Reading at home” and is still waiting.');
  });

  it('names the commitment that is due or overdue', () => {
    const { decisions } = givenPolicy(aTeamWithAJourney()).when(commitmentMade('c1', '2026-03-05'));
    expect(renderNudgeMessage(decided(decisions, 'COMMITMENT_DUE')).text).toBe('You committed to “Run one book swap”, due 2026-03-05.');
    expect(renderNudgeMessage(decided(decisions, 'COMMITMENT_OVERDUE')).lines[0]).toBe('“Run one book swap” was due on 2026-03-05 and is still open.');
  });
});
