import { NUDGE_RULES, type OwedNudge } from '@stepwise/nudges-domain';
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
      expect(message.text).toBe(message.lines.join(' '));
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
