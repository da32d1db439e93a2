import type { OwedNudge } from '../owed-nudge';
import { answerLinkSubjectOf } from './reflection-nudge.subject';

const owed = (overrides: Partial<OwedNudge>): OwedNudge => ({
  nudgeId: 'n-1',
  organisationId: 'org-1',
  rule: 'REFLECT',
  recipientId: 'm-1',
  subject: { journeyId: 'j-1', teamId: 't-1', subjectId: 's-1' },
  dedupeKey: 'k',
  dueAt: '2026-03-02T13:00:00.000Z',
  facts: {},
  causedByPosition: '1',
  ...overrides,
});

describe('the answer links a nudge carries', () => {
  it('answer a REFLECT nudge about its step, as its recipient', () => {
    expect(answerLinkSubjectOf(owed({}))).toEqual({ tenantId: 'org-1', memberId: 'm-1', journeyId: 'j-1', stepId: 's-1', nudgeId: 'n-1' });
  });

  it('answer a VISION_REVISED nudge about the journey as a whole', () => {
    expect(answerLinkSubjectOf(owed({ rule: 'VISION_REVISED', subject: { journeyId: 'j-1', teamId: 't-1', subjectId: 'vision-2' } }))).toEqual({
      tenantId: 'org-1',
      memberId: 'm-1',
      journeyId: 'j-1',
      stepId: null,
      nudgeId: 'n-1',
    });
  });

  it.each(['NEXT_STEP', 'CONSIDER_PIVOT', 'SUPPORT_LOW_COMFORT', 'SUPPORT_WAITING', 'STALLED_JOURNEY', 'COMMITMENT_DUE', 'COMMITMENT_OVERDUE', 'WEEKLY_DIGEST'] as const)(
    'are none on a %s nudge',
    (rule) => expect(answerLinkSubjectOf(owed({ rule }))).toBeNull(),
  );

  it('are none without a journey', () => {
    expect(answerLinkSubjectOf(owed({ subject: { journeyId: null, teamId: null, subjectId: 'week' } }))).toBeNull();
  });
});
